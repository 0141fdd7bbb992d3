package org.medialive.distributor.stream;

import java.util.Arrays;

/**
 * Rebuilds the sections (PSI or SCTE-35) carried on one PID from its TS packets
 * (ISO 13818-1 §2.4.4): a pointer_field in packets that start a section, several sections in
 * one packet, sections spanning packets, 0xFF stuffing after the last one. A section cut by a
 * continuity error is dropped rather than glued to unrelated bytes. The buffers are allocated
 * once; the handler gets the section lent for the duration of the call.
 * <p>
 * A packet repeating the previous counter is skipped only if it really is a copy. Some cue
 * injectors send a new packet under the old counter (seen in the third-party test streams: a
 * rewritten PMT right after the original); FFmpeg and TSDuck still read it, and so do we.
 */
final class SectionAssembler {

    /** Receives each complete section, from table_id to the last byte; copy what must be kept. */
    @FunctionalInterface
    interface Handler {
        void onSection(byte[] section, int length);
    }

    /** 3 header bytes + the largest section_length a private section may declare. */
    static final int MAX_SECTION = 3 + 4093;
    private static final byte STUFFING = (byte) 0xFF;

    private final byte[] section = new byte[MAX_SECTION];
    private final byte[] previous = new byte[TsPacket.SIZE];
    private final Handler handler;
    private boolean collecting;
    private int have;
    private int need;

    SectionAssembler(Handler handler) {
        this.handler = handler;
    }

    void accept(byte[] b, int at, ContinuityTracker.Verdict verdict) {
        if (verdict == ContinuityTracker.Verdict.DUPLICATE && Arrays.equals(b, at, at + TsPacket.SIZE, previous, 0, TsPacket.SIZE)) {
            return;
        }
        System.arraycopy(b, at, previous, 0, TsPacket.SIZE);
        if (verdict != ContinuityTracker.Verdict.IN_ORDER || TsPacket.transportError(b, at) || TsPacket.scrambled(b, at)) {
            collecting = false;
        }
        int pos = TsPacket.payloadOffset(b, at);
        if (pos < 0 || TsPacket.transportError(b, at) || TsPacket.scrambled(b, at)) {
            return;
        }
        int end = at + TsPacket.SIZE;
        if (!TsPacket.payloadUnitStart(b, at)) {
            if (collecting) {
                feed(b, pos, end);
            }
            // a section can only start in a packet flagged payload_unit_start: the rest is stuffing
            return;
        }
        int start = pos + 1 + (b[pos] & 0xFF);
        if (start > end) {
            collecting = false;
            return;
        }
        if (collecting) {
            feed(b, pos + 1, start);
            collecting = false; // if still incomplete, the new unit cut it short
        }
        pos = start;
        while (pos < end && b[pos] != STUFFING) {
            collecting = true;
            have = 0;
            pos = feed(b, pos, end);
            if (collecting) {
                return; // continues in the next packet
            }
        }
    }

    /** Copies bytes of the section in progress and hands it over when complete; returns where it stopped. */
    private int feed(byte[] b, int pos, int end) {
        if (have < 3) {
            int n = Math.min(3 - have, end - pos);
            System.arraycopy(b, pos, section, have, n);
            have += n;
            pos += n;
            if (have < 3) {
                return pos;
            }
            need = 3 + (((section[1] & 0x0F) << 8) | (section[2] & 0xFF));
            if (need > MAX_SECTION) {
                collecting = false;
                return end;
            }
        }
        int n = Math.min(need - have, end - pos);
        System.arraycopy(b, pos, section, have, n);
        have += n;
        pos += n;
        if (have == need) {
            collecting = false;
            handler.onSection(section, need);
        }
        return pos;
    }
}
