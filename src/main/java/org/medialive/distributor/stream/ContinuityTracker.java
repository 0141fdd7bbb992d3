package org.medialive.distributor.stream;

/**
 * The continuity-counter rules of ISO 13818-1 §2.4.3.3 for one PID. The counter advances only
 * on packets with payload; a packet may be sent twice in a row (same counter, same content) and
 * that is not an error; a discontinuity_indicator in the adaptation field allows any new value.
 * The first packet seen sets the baseline: joining a stream mid-way is not a loss.
 */
final class ContinuityTracker {

    enum Verdict {
        /** The expected packet. */
        IN_ORDER,
        /** The second copy of the previous packet: its payload must not be used twice. */
        DUPLICATE,
        /** A new baseline (first packet, or a signalled discontinuity): not an error, but data before it is cut off. */
        RESTART,
        /** Packets were lost, reordered or repeated more than once. */
        ERROR
    }

    private int lastCc = -1;
    private boolean duplicateSeen;

    Verdict next(byte[] b, int at) {
        int cc = TsPacket.continuityCounter(b, at);
        boolean payload = TsPacket.hasPayload(b, at);
        if (lastCc < 0) {
            return restart(cc);
        }
        int expected = payload ? (lastCc + 1) & 0x0F : lastCc;
        if (cc == expected) {
            lastCc = cc;
            duplicateSeen &= !payload;
            return Verdict.IN_ORDER;
        }
        if (TsPacket.discontinuityIndicator(b, at)) {
            return restart(cc);
        }
        if (payload && cc == lastCc && !duplicateSeen) {
            duplicateSeen = true;
            return Verdict.DUPLICATE;
        }
        if (cc != lastCc) {
            lastCc = cc;
            duplicateSeen = false;
        }
        return Verdict.ERROR;
    }

    private Verdict restart(int cc) {
        lastCc = cc;
        duplicateSeen = false;
        return Verdict.RESTART;
    }
}
