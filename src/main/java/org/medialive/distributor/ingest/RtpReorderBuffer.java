package org.medialive.distributor.ingest;

import java.util.Arrays;

/**
 * The RTP receive state machine of one channel: restores sequence order over a small window and
 * counts what the network did. Packets lost (a gap the window gave up on), reordered (arrived
 * after a later one and put back in place), duplicate, late (arrived after its gap was declared
 * lost), dropped (a stray datagram that fit no stream) and sender restarts.
 *
 * <p>Thresholds follow RFC 3550 A.1. A datagram of another SSRC, or a jump of
 * {@link #MAX_DROPOUT} or more forward or {@link #MAX_MISORDER} or more back, does not fit the
 * current stream: it goes on probation ({@link RtpProbation}). A second datagram of the same
 * source close to it confirms a new stream: what the old one holds leaves first, in order, then
 * the restart is counted and reported, then the new stream's packets. A probation packet that
 * another one replaces, that the current stream moves on past, or that is still waiting at a
 * flush was a stray: it is dropped and counted, never delivered.
 *
 * <p>Invariants: held packets have sequence numbers in (expected, expected + window), so each
 * has a slot of its own, and {@code held} is the number of occupied slots. Every call is bounded
 * (at most a window of steps, or a history's worth on a restart) and allocates nothing after a
 * slot's first use. Every datagram given to {@link #accept} ends as exactly one of delivered,
 * late, duplicate or dropped, or is still held or on probation. Not thread-safe: the channel's
 * receiver serialises calls.
 */
final class RtpReorderBuffer {

    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    private static final int HISTORY = 1024;
    /** Larger windows would outgrow the delivered-history that tells duplicates from late packets. */
    static final int LARGEST_WINDOW = HISTORY / 2;

    private final TsSink sink;
    private final SenderRestarts restartListener;
    private final RtpGapFiller filler;
    private int window;
    private final int capacity;
    private final RtpHeldPackets held;
    private final boolean[] delivered = new boolean[HISTORY];
    private final RtpProbation probation = new RtpProbation();
    private boolean started;
    private int expected;
    private long ssrc;

    long lost;
    long reordered;
    long duplicate;
    long late;
    long dropped;
    long restarts;
    /** Gaps the filler (FEC) filled instead of counting them lost. */
    long recovered;

    RtpReorderBuffer(int window, TsSink sink) {
        this(window, sink, SenderRestarts.NONE);
    }

    RtpReorderBuffer(int window, TsSink sink, SenderRestarts restartListener) {
        this(window, window, sink, restartListener, RtpGapFiller.NONE);
    }

    /**
     * @param capacity the largest window {@link #resize} may set (slots are made for it)
     * @param filler   asked for each sequence number before it is counted lost
     */
    RtpReorderBuffer(int window, int capacity, TsSink sink, SenderRestarts restartListener, RtpGapFiller filler) {
        this.capacity = Math.max(1, Math.min(Math.max(window, capacity), LARGEST_WINDOW));
        this.window = Math.max(1, Math.min(window, this.capacity));
        this.sink = sink;
        this.restartListener = restartListener;
        this.filler = filler;
        this.held = new RtpHeldPackets(this.capacity);
    }

    /**
     * Sets how many packets the window spans (up to the capacity). A smaller window first gives
     * up on every open gap (rare: the FEC matrix shrank), so held packets always fit it.
     */
    void resize(int newWindow) {
        int size = Math.max(1, Math.min(newWindow, capacity));
        if (size < window) {
            flushHeld();
        }
        window = size;
    }

    void accept(int sequence, long ssrc, byte[] data, int offset, int length) {
        if (started && ssrc == this.ssrc) {
            int delta = (short) (sequence - expected);
            if (delta > -MAX_MISORDER && delta < MAX_DROPOUT) {
                if (inWindow(sequence, delta, data, offset, length)) {
                    dropStray(); // the current stream moved on: what waited on probation was a stray
                }
                return;
            }
        }
        onProbation(sequence, ssrc, data, offset, length);
    }

    /** Gives up on every open gap: delivers what is held, counting the missing as lost; drops a stray on probation. */
    void flush() {
        flushHeld();
        dropStray();
    }

    int window() {
        return window;
    }

    int held() {
        return held.count();
    }

    int occupiedSlots() {
        return held.occupiedSlots();
    }

    boolean onProbation() {
        return probation.pending();
    }

    /** @return whether the current stream moved on (the packet was delivered or held) */
    private boolean inWindow(int sequence, int delta, byte[] data, int offset, int length) {
        if (delta < 0) {
            if (delivered[sequence & (HISTORY - 1)]) {
                duplicate++;
            } else {
                late++;
            }
            return false;
        }
        if (delta == 0) {
            if (held.count() > 0) {
                reordered++;
            }
            deliver(sequence, data, offset, length);
            releaseInOrder();
            return true;
        }
        giveUpBefore(sequence);
        if (sequence == expected) {
            deliver(sequence, data, offset, length);
            releaseInOrder();
            return true;
        }
        if (held.hold(sequence, data, offset, length)) {
            return true;
        }
        duplicate++;
        return false;
    }

    private void onProbation(int sequence, long ssrc, byte[] data, int offset, int length) {
        if (probation.pending() && probation.ssrc() == ssrc) {
            int apart = (short) (sequence - probation.sequence());
            if (apart == 0) {
                duplicate++;
                return;
            }
            if (apart > -window && apart < window) {
                startStream(ssrc, apart > 0 ? probation.sequence() : sequence);
                inWindow(probation.sequence(), (short) (probation.sequence() - expected), probation.data(), 0, probation.length());
                inWindow(sequence, (short) (sequence - expected), data, offset, length);
                return;
            }
        }
        dropStray();
        probation.keep(ssrc, sequence, data, offset, length);
    }

    /** The old stream's held packets leave first; then the restart is counted and told, before any new packet. */
    private void startStream(long newSsrc, int firstSequence) {
        probation.discard();
        flushHeld();
        if (started) {
            restarts++;
            restartListener.restarted(ssrc, newSsrc, firstSequence);
        }
        started = true;
        ssrc = newSsrc;
        expected = firstSequence;
        Arrays.fill(delivered, false);
    }

    private void flushHeld() {
        // held packets lie within the next window of sequence numbers: a window of steps empties it
        for (int step = 0; step < window && held.count() > 0; step++) {
            skipOne();
        }
    }

    private void dropStray() {
        if (probation.discard()) {
            dropped++;
        }
    }

    /** Skips ahead so that {@code sequence} fits the window: held packets on the way leave, gaps are lost. */
    private void giveUpBefore(int sequence) {
        while (held.count() > 0 && (short) (sequence - expected) >= window) {
            skipOne();
        }
        int beyond = (short) (sequence - expected) - (window - 1);
        if (beyond > 0 && filler != RtpGapFiller.NONE) {
            // nothing held any more; the newest packets of the gap may still be rebuilt
            int unrecoverable = Math.max(0, beyond - HISTORY / 2);
            lost += unrecoverable;
            for (int i = 0; i < Math.min(unrecoverable, HISTORY); i++) {
                delivered[(expected + i) & (HISTORY - 1)] = false;
            }
            expected = (expected + unrecoverable) & 0xFFFF;
            for (int i = unrecoverable; i < beyond; i++) {
                skipOne();
            }
            beyond = 0;
        }
        if (beyond > 0) { // nothing held any more: jump over the gap at once
            lost += beyond;
            for (int i = 0; i < Math.min(beyond, HISTORY); i++) {
                delivered[(expected + i) & (HISTORY - 1)] = false;
            }
            expected = (expected + beyond) & 0xFFFF;
        }
        releaseInOrder();
    }

    /** Advances past the expected packet: delivers it if held, else counts it lost. */
    private void skipOne() {
        if (held.holds(expected)) {
            releaseHeld();
        } else if (filler.fill(expected, ssrc)) {
            recovered++;
            delivered[expected & (HISTORY - 1)] = true;
            expected = (expected + 1) & 0xFFFF;
        } else {
            lost++;
            delivered[expected & (HISTORY - 1)] = false;
            expected = (expected + 1) & 0xFFFF;
        }
    }

    private void releaseInOrder() {
        while (held.count() > 0 && held.holds(expected)) {
            releaseHeld();
        }
    }

    private void releaseHeld() {
        int sequence = expected;
        delivered[sequence & (HISTORY - 1)] = true;
        expected = (sequence + 1) & 0xFFFF;
        held.release(sequence, sink);
    }

    private void deliver(int sequence, byte[] data, int offset, int length) {
        delivered[sequence & (HISTORY - 1)] = true;
        expected = (sequence + 1) & 0xFFFF;
        sink.accept(data, offset, length);
    }
}
