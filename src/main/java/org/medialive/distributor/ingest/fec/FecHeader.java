package org.medialive.distributor.ingest.fec;

/**
 * Reads one SMPTE 2022-1 FEC datagram: a 12-byte RTP header, the 16-byte FEC header, then the
 * XOR of the protected packets (everything after their 12-byte RTP headers). The FEC packet's RTP
 * header is always read as 12 bytes: FFmpeg's prompeg (libavformat/prompeg.c) writes the XOR of
 * the media packets' P, X and CC bits into it, so those bits do not describe the FEC packet.
 * The packet protects {@code snBase + k * offset} for k below {@code na}: a column FEC has
 * offset L and NA D, a row FEC offset 1 and NA L. Reused per datagram; not thread-safe.
 */
final class FecHeader {

    static final int RTP_HEADER = 12;
    static final int HEADER = RTP_HEADER + 16;
    /** MediaLive's limits (L 1 to 20, D 4 to 20; it does not keep SMPTE 2022-1's L x D of at most 100). */
    static final int LARGEST_L = 20;
    static final int LARGEST_D = 20;
    static final int LARGEST_MATRIX = LARGEST_L * LARGEST_D;

    int snBase;
    int lengthRecovery;
    int ptRecovery;
    long tsRecovery;
    /** P, X and CC of the protected packets XORed, where prompeg puts them (0 for a sender that does not). */
    int pxccRecovery;
    boolean row;
    int offset;
    int na;
    int payloadLength;
    String problem;

    boolean parse(byte[] d, int length) {
        if (length < HEADER + 1) {
            return malformed("FEC datagram shorter than its RTP and FEC headers");
        }
        if ((d[0] & 0xC0) != 0x80) {
            return malformed("FEC datagram is not RTP version 2");
        }
        if ((d[1] & 0x7F) == 33) {
            return malformed("MPEG-TS media (payload type 33) on a FEC port");
        }
        int h = RTP_HEADER;
        if ((d[h + 12] & 0x80) != 0) {
            return malformed("FEC header extension bit X set (SMPTE 2022-1 has none)");
        }
        int type = (d[h + 12] >> 3) & 0x07;
        if (type != 0) {
            return malformed("FEC type " + type + " is not XOR (0)");
        }
        if ((d[h + 15] & 0xFF) != 0) {
            return malformed("FEC SNBase extension bits set (RTP sequence numbers are 16 bits)");
        }
        row = (d[h + 12] & 0x40) != 0;
        offset = d[h + 13] & 0xFF;
        na = d[h + 14] & 0xFF;
        if (row ? offset != 1 || na < 1 || na > LARGEST_L
                : offset < 1 || offset > LARGEST_L || na < 1 || na > LARGEST_D || offset * na > LARGEST_MATRIX) {
            return malformed("FEC matrix out of range (offset " + offset + ", NA " + na + ")");
        }
        snBase = ((d[h] & 0xFF) << 8) | (d[h + 1] & 0xFF);
        lengthRecovery = ((d[h + 2] & 0xFF) << 8) | (d[h + 3] & 0xFF);
        ptRecovery = d[h + 4] & 0x7F;
        tsRecovery = ((d[h + 8] & 0xFFL) << 24) | ((d[h + 9] & 0xFF) << 16) | ((d[h + 10] & 0xFF) << 8) | (d[h + 11] & 0xFF);
        pxccRecovery = d[0] & 0x3F;
        payloadLength = length - HEADER;
        problem = null;
        return true;
    }

    void copyFrom(FecHeader other) {
        snBase = other.snBase;
        lengthRecovery = other.lengthRecovery;
        ptRecovery = other.ptRecovery;
        tsRecovery = other.tsRecovery;
        pxccRecovery = other.pxccRecovery;
        row = other.row;
        offset = other.offset;
        na = other.na;
        payloadLength = other.payloadLength;
    }

    /** The k-th protected sequence number. */
    int protectedSequence(int k) {
        return (snBase + k * offset) & 0xFFFF;
    }

    private boolean malformed(String why) {
        problem = why;
        return false;
    }
}
