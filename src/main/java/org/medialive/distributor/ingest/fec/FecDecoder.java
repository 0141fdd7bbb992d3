package org.medialive.distributor.ingest.fec;

/**
 * SMPTE 2022-1 FEC for one channel input: keeps the recent media packets and FEC packets and,
 * when the reorder window gives up on a sequence number, rebuilds it by XOR. Row and column
 * passes repeat while one of them still rebuilds something, so a packet a column cannot rebuild
 * alone comes back once a row gave back one of its neighbours (and the other way round).
 * The matrix (L columns, D rows) is learnt from the FEC headers; the reorder window it needs is
 * {@link #window()}. Only the packets of the current RTP stream (SSRC) take part in a rebuild,
 * and a sender restart forgets the FEC received so far, so a matrix that spans a restart never
 * mixes the two streams. Not thread-safe: the channel's receiver serialises calls.
 */
public final class FecDecoder {

    /**
     * The reorder window's limit (RtpReorderBuffer.LARGEST_WINDOW): matrices above 256 packets
     * (MediaLive allows 20 x 20) get this much, and a loss early in such a matrix may be counted
     * lost before its column FEC arrives.
     */
    static final int LARGEST_WINDOW = 512;

    private final FecHeader parsed = new FecHeader();
    private final FecPackets fec = new FecPackets();
    private final MediaHistory media = new MediaHistory();
    private final Rebuild rebuild = new Rebuild();
    private final byte[] scratch = new byte[FecHeader.RTP_HEADER + 9216];
    private long recovered;
    private long columnPackets;
    private long rowPackets;
    private long malformed;
    private String lastMalformed;
    private int columns;
    private int rows;
    private long lastFecMillis;
    private long mediaPackets;
    private long mediaAtSample;
    private long sampleMillis;
    private long addedDelayMillis;

    /** Each media RTP datagram (already checked by the channel's parser), before it is put in order. */
    public void media(byte[] datagram, int length, int sequence, long ssrc) {
        mediaPackets++;
        media.keep(datagram, length, sequence, ssrc);
    }

    /** A datagram from a FEC port; counted and dropped if it is not a 2022-1 FEC packet. */
    public void fec(byte[] datagram, int length, long nowMillis) {
        if (!parsed.parse(datagram, length)) {
            malformed++;
            lastMalformed = parsed.problem;
            return;
        }
        lastFecMillis = nowMillis;
        if (parsed.row) {
            rowPackets++;
            columns = rows == 0 ? parsed.na : columns;
        } else {
            columnPackets++;
            columns = parsed.offset;
            rows = parsed.na;
        }
        fec.keep(parsed, datagram);
    }

    /** Counts a FEC datagram refused before parsing (from an address that is not a source). */
    public void refused(String why) {
        malformed++;
        lastMalformed = why;
    }

    /**
     * Rebuilds the media packet {@code sequence} of stream {@code ssrc} into {@code out} as a
     * whole RTP datagram.
     * @return its length, or -1 when the FEC received cannot rebuild it
     */
    public int recover(int sequence, long ssrc, byte[] out) {
        if (!media.has(sequence, ssrc)) {
            boolean progress = true;
            while (progress && !media.has(sequence, ssrc)) {
                progress = pass(ssrc);
            }
            if (!media.has(sequence, ssrc)) {
                return -1;
            }
        }
        return media.datagram(sequence, out);
    }

    /** A packet {@link #recover} gave back passed the channel's checks and was delivered in place of the lost one. */
    public void delivered() {
        recovered++;
    }

    /** The media stream restarted: FEC received so far protects the old stream's packets. */
    public void restarted() {
        fec.clear();
    }

    /** Media packets the reorder window must hold for the column FEC to arrive; 0 until the matrix is known. */
    public int window() {
        if (rows > 0) {
            // prompeg sends a matrix's column packets spread over the next matrix: up to 2 L D - L later
            return Math.min(2 * columns * rows, LARGEST_WINDOW);
        }
        return 2 * columns;
    }

    /** Once a second: the delay the window adds at the packet rate of the last second. */
    public void sample(long nowMillis) {
        long packets = mediaPackets - mediaAtSample;
        long elapsed = nowMillis - sampleMillis;
        if (sampleMillis > 0 && packets >= 10 && elapsed > 0) { // a stream that is ending says nothing of its rate
            addedDelayMillis = window() * elapsed / packets;
        }
        mediaAtSample = mediaPackets;
        sampleMillis = nowMillis;
    }

    public FecCounters counters() {
        return new FecCounters(recovered, columnPackets, rowPackets, malformed, lastMalformed,
                columns, rows, window(), addedDelayMillis, lastFecMillis);
    }

    /** One pass over the FEC packets: each that misses exactly one packet rebuilds it. */
    private boolean pass(long ssrc) {
        boolean progress = false;
        for (int slot = 0; slot < fec.slots(); slot++) {
            if (!fec.live(slot)) {
                continue;
            }
            FecHeader header = fec.header(slot);
            int missing = -1;
            int absent = 0;
            for (int k = 0; k < header.na && absent < 2; k++) {
                int s = header.protectedSequence(k);
                if (!media.has(s, ssrc)) {
                    absent++;
                    missing = s;
                }
            }
            if (absent == 0) {
                fec.done(slot);
            } else if (absent == 1) {
                fec.done(slot); // used up: either it rebuilds the packet now or it never will
                progress |= rebuild(header, fec.payload(slot), missing, ssrc);
            }
        }
        return progress;
    }

    private boolean rebuild(FecHeader header, byte[] payload, int missing, long ssrc) {
        rebuild.start(header, payload);
        for (int k = 0; k < header.na; k++) {
            int s = header.protectedSequence(k);
            if (s != missing) {
                media.xorInto(s, rebuild);
            }
        }
        if (!rebuild.plausible() || rebuild.lengthRecovery + FecHeader.RTP_HEADER > scratch.length) {
            return false;
        }
        scratch[0] = (byte) (0x80 | (rebuild.pxcc & 0x3F));
        scratch[1] = (byte) (rebuild.payloadType & 0x7F);
        for (int i = 0; i < 4; i++) {
            scratch[4 + i] = (byte) (rebuild.timestamp >> (24 - 8 * i));
        }
        System.arraycopy(rebuild.bytes, 0, scratch, FecHeader.RTP_HEADER, rebuild.lengthRecovery);
        media.keep(scratch, FecHeader.RTP_HEADER + rebuild.lengthRecovery, missing, ssrc);
        return true;
    }
}
