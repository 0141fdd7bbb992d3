package org.medialive.distributor.ingest.srt;

/**
 * Cuts the byte stream srt-live-transmit writes on stdout into chunks of whole TS packets, at
 * most 7 (1316 bytes, what an RTP datagram carries), each starting on a sync byte, for the
 * channel's receiver. A pipe read may end inside a packet: the rest waits for the next read.
 * Bytes that are not on a packet boundary (never seen from srt-live-transmit, which writes whole
 * SRT messages) are skipped up to the next place where two sync bytes lie 188 bytes apart, and
 * counted. One instance per process run, called by one thread.
 */
final class TsChunker {

    static final int TS_PACKET = 188;
    static final int CHUNK = 7 * TS_PACKET;
    private static final byte SYNC = 0x47;

    interface Chunks {
        void accept(byte[] chunk, int length);
    }

    private final byte[] pending = new byte[64 * 1024];
    private final byte[] chunk = new byte[CHUNK];
    private final Chunks out;
    private int filled;
    private long skipped;

    TsChunker(Chunks out) {
        this.out = out;
    }

    /** Takes {@code length} bytes (at most 32 KiB) read from the process. */
    void feed(byte[] data, int length) {
        System.arraycopy(data, 0, pending, filled, length);
        filled += length;
        int at = 0;
        while (filled - at >= TS_PACKET) {
            if (pending[at] != SYNC || filled - at >= 2 * TS_PACKET && pending[at + TS_PACKET] != SYNC) {
                at++;
                skipped++;
                continue;
            }
            int packets = Math.min(7, (filled - at) / TS_PACKET);
            int bytes = packets * TS_PACKET;
            System.arraycopy(pending, at, chunk, 0, bytes);
            out.accept(chunk, bytes);
            at += bytes;
        }
        System.arraycopy(pending, at, pending, 0, filled - at);
        filled -= at;
    }

    /** Bytes dropped because they were not on a TS packet boundary. */
    long skipped() {
        return skipped;
    }
}
