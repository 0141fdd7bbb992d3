package org.medialive.distributor.stream;

/**
 * PCR repetition (2.3.a) and PCR discontinuity (2.3.b) on the PCR PID, measured between
 * consecutive PCR values (the 90 kHz base; the 27 MHz extension does not matter at these
 * limits). A step within the jump limit but over the interval is a repetition error; a step over
 * the jump limit, or back in time, without the discontinuity_indicator is a discontinuity error.
 */
final class PcrCheck {

    private static final long WRAP = 1L << 33;

    private final IndicatorCounts indicators;
    private final long interval;
    private final long jump;
    private int pid = -1;
    private long last = -1;

    PcrCheck(IndicatorCounts indicators, Tr101290Limits limits) {
        this.indicators = indicators;
        this.interval = limits.pcr().toMillis() * 90;
        this.jump = limits.pcrJump().toMillis() * 90;
    }

    /** A packet on the PCR PID that carries a PCR. */
    void onPcr(int pcrPid, byte[] b, int at, long nowMillis) {
        long pcr = base(b, at);
        if (pcrPid != pid || last < 0 || TsPacket.discontinuityIndicator(b, at)) {
            pid = pcrPid; // a new PCR PID or a signalled discontinuity starts a new time base
            last = pcr;
            return;
        }
        long step = Math.floorMod(pcr - last, WRAP);
        last = pcr;
        if (step > jump) { // includes going back: modulo 2^33 that is a huge step
            indicators.raise(Indicator.PCR_DISCONTINUITY_INDICATOR_ERROR, nowMillis);
        } else if (step > interval) {
            indicators.raise(Indicator.PCR_REPETITION_ERROR, nowMillis);
        }
    }

    /** The stream resumed after silence: the gap is a signal loss, not a PCR fault. */
    void restart() {
        last = -1;
    }

    private static long base(byte[] b, int at) {
        return ((b[at + 6] & 0xFFL) << 25) | ((b[at + 7] & 0xFFL) << 17) | ((b[at + 8] & 0xFFL) << 9)
                | ((b[at + 9] & 0xFFL) << 1) | ((b[at + 10] & 0x80L) >>> 7);
    }
}
