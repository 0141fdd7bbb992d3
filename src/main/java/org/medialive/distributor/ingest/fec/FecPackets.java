package org.medialive.distributor.ingest.fec;

/**
 * The FEC packets received lately, column and row alike, in a ring of {@link #SLOTS}: a matrix
 * of L x D sends L column and D row packets (at most 40 with SMPTE 2022-1's limits), and the
 * ring keeps the current matrix's and the previous ones'. The oldest is overwritten. A packet whose
 * protected packets are all there is marked done and never looked at again. Each slot copies the
 * payload into an array of its own, allocated at its first use. Not thread-safe.
 */
final class FecPackets {

    static final int SLOTS = 128;

    private final FecHeader[] headers = new FecHeader[SLOTS];
    private final byte[][] payloads = new byte[SLOTS][];
    private final boolean[] live = new boolean[SLOTS];
    private int next;

    FecPackets() {
        for (int i = 0; i < SLOTS; i++) {
            headers[i] = new FecHeader();
        }
    }

    void keep(FecHeader header, byte[] datagram) {
        int slot = next;
        next = (next + 1) % SLOTS;
        headers[slot].copyFrom(header);
        byte[] copy = payloads[slot];
        if (copy == null || copy.length < header.payloadLength) {
            copy = new byte[Math.max(header.payloadLength, 1400)];
            payloads[slot] = copy;
        }
        System.arraycopy(datagram, FecHeader.HEADER, copy, 0, header.payloadLength);
        live[slot] = true;
    }

    int slots() {
        return SLOTS;
    }

    boolean live(int slot) {
        return live[slot];
    }

    FecHeader header(int slot) {
        return headers[slot];
    }

    byte[] payload(int slot) {
        return payloads[slot];
    }

    void done(int slot) {
        live[slot] = false;
    }

    void clear() {
        java.util.Arrays.fill(live, false);
    }
}
