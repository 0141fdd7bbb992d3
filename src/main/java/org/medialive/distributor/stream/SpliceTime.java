package org.medialive.distributor.stream;

/**
 * A splice_time() with time_specified_flag set. Both values are 33-bit 90 kHz PTS.
 *
 * @param pts         pts_time as sent
 * @param adjustedPts pts_time + pts_adjustment modulo 2^33: the time on the stream's clock
 */
public record SpliceTime(long pts, long adjustedPts) {

    static final long PTS_MASK = (1L << 33) - 1;

    static SpliceTime of(long pts, long ptsAdjustment) {
        return new SpliceTime(pts, (pts + ptsAdjustment) & PTS_MASK);
    }
}
