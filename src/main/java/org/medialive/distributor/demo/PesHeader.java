package org.medialive.distributor.demo;

import org.medialive.distributor.stream.TsPacket;

/** Reads the PTS of a PES packet header at the start of a TS payload (ISO 13818-1 §2.4.3.7). */
final class PesHeader {

    private PesHeader() {
    }

    /** The 33-bit PTS, or -1 when the packet does not start a PES packet that carries one. */
    static long pts(byte[] b, int at) {
        int p = TsPacket.payloadOffset(b, at);
        if (p < 0 || p + 14 > at + TsPacket.SIZE || b[p] != 0 || b[p + 1] != 0 || b[p + 2] != 1
                || (b[p + 7] & 0x80) == 0) {
            return -1;
        }
        int t = p + 9;
        return ((long) (b[t] & 0x0E) << 29) | ((b[t + 1] & 0xFF) << 22) | ((b[t + 2] & 0xFE) << 14)
                | ((b[t + 3] & 0xFF) << 7) | ((b[t + 4] & 0xFE) >>> 1);
    }
}
