package org.medialive.distributor.ingest.fec;

/**
 * The recent media packets of the current RTP stream, received or rebuilt, as FEC needs them:
 * the fields FEC protects (P, X, CC, payload type, timestamp) and everything after the 12-byte
 * RTP header. One slot per sequence number modulo {@link #SLOTS}, far more than the packets one
 * FEC matrix and its late FEC packets span (2 x L x D at most 512), so a packet stays until long
 * after every FEC packet that could need it. Each slot copies into an array of its own, allocated
 * at its first use and reused. Not thread-safe.
 */
final class MediaHistory {

    static final int SLOTS = 1024;

    private final byte[][] data = new byte[SLOTS][];
    private final int[] length = new int[SLOTS];
    private final int[] sequence = new int[SLOTS];
    private final long[] ssrc = new long[SLOTS];
    private final int[] pxcc = new int[SLOTS];
    private final int[] payloadType = new int[SLOTS];
    private final long[] timestamp = new long[SLOTS];
    private final boolean[] present = new boolean[SLOTS];

    /** Keeps an RTP datagram (header of 12 bytes or more, already checked by the channel's parser). */
    void keep(byte[] d, int datagramLength, int seq, long source) {
        int slot = seq & (SLOTS - 1);
        int bytes = datagramLength - FecHeader.RTP_HEADER;
        byte[] copy = data[slot];
        if (copy == null || copy.length < bytes) {
            copy = new byte[Math.max(bytes, 1400)];
            data[slot] = copy;
        }
        System.arraycopy(d, FecHeader.RTP_HEADER, copy, 0, bytes);
        length[slot] = bytes;
        sequence[slot] = seq;
        ssrc[slot] = source;
        pxcc[slot] = d[0] & 0x3F;
        payloadType[slot] = d[1] & 0x7F;
        timestamp[slot] = ((d[4] & 0xFFL) << 24) | ((d[5] & 0xFF) << 16) | ((d[6] & 0xFF) << 8) | (d[7] & 0xFF);
        present[slot] = true;
    }

    boolean has(int seq, long source) {
        int slot = seq & (SLOTS - 1);
        return present[slot] && sequence[slot] == seq && ssrc[slot] == source;
    }

    /** Forgets every packet: a new stream's numbers must never meet the old one's bytes. */
    void clear() {
        java.util.Arrays.fill(present, false);
    }

    /** XORs the stored packet {@code seq} into {@code into} (the FEC's protected fields and bytes). */
    void xorInto(int seq, Rebuild into) {
        int slot = seq & (SLOTS - 1);
        into.xor(pxcc[slot], payloadType[slot], timestamp[slot], length[slot], data[slot]);
    }

    /** Copies the stored packet {@code seq} as a whole RTP datagram into {@code out}; returns its length. */
    int datagram(int seq, byte[] out) {
        int slot = seq & (SLOTS - 1);
        out[0] = (byte) (0x80 | pxcc[slot]);
        out[1] = (byte) payloadType[slot];
        out[2] = (byte) (seq >> 8);
        out[3] = (byte) seq;
        writeInt(out, 4, timestamp[slot]);
        writeInt(out, 8, ssrc[slot]);
        System.arraycopy(data[slot], 0, out, FecHeader.RTP_HEADER, length[slot]);
        return FecHeader.RTP_HEADER + length[slot];
    }

    private static void writeInt(byte[] out, int at, long value) {
        out[at] = (byte) (value >> 24);
        out[at + 1] = (byte) (value >> 16);
        out[at + 2] = (byte) (value >> 8);
        out[at + 3] = (byte) value;
    }
}
