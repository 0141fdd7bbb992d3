package org.medialive.distributor.stream;

import java.time.Duration;

/**
 * The intervals of ETSI TR 101 290 §5.2 the indicators are measured against; the defaults are
 * the standard's. PAT, PMT, PID and PTS are measured in arrival time, PCR in the stream's own
 * clock (PCR values), which network jitter does not disturb.
 *
 * @param pat      a PAT section must arrive at least this often (1.3.a: 0.5 s)
 * @param pmt      each PMT referred to by the PAT at least this often (1.5.a: 0.5 s)
 * @param pid      each elementary stream a PMT refers to at least this often (1.6: user-defined; 5 s)
 * @param pcr      consecutive PCRs at most this far apart (2.3.a: 40 ms)
 * @param pcrJump  consecutive PCRs further apart than this, or going back, without a
 *                 discontinuity_indicator, are a discontinuity (2.3.b: 100 ms)
 * @param pts      each audio and video stream carries a PTS at least this often (2.5: 700 ms)
 */
public record Tr101290Limits(Duration pat, Duration pmt, Duration pid, Duration pcr, Duration pcrJump, Duration pts) {

    public static final Tr101290Limits STANDARD = new Tr101290Limits(Duration.ofMillis(500), Duration.ofMillis(500),
            Duration.ofSeconds(5), Duration.ofMillis(40), Duration.ofMillis(100), Duration.ofMillis(700));

    public Tr101290Limits {
        for (Duration d : new Duration[] {pat, pmt, pid, pcr, pcrJump, pts}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every TR 101 290 interval must be positive");
            }
        }
        if (pcrJump.compareTo(pcr) < 0) {
            throw new IllegalArgumentException("the PCR jump limit must not be below the PCR interval");
        }
    }
}
