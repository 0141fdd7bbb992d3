package org.medialive.distributor.ingest;

/**
 * Restores RTP sequence order over a small window and counts what the network did:
 * packets lost (a gap the window gave up on), reordered (arrived after a later one and
 * put back in place), duplicate, and late (arrived after its gap was declared lost).
 * Thresholds follow RFC 3550 A.1: a jump of 3000 or more, or back by 100 or more,
 * is a sender restart, not loss. Not thread-safe: the channel's receiver serialises calls.
 */
final class RtpReorderBuffer {

    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int HISTORY = 1024;

    private final TsSink sink;
    private final int window;
    private final int slotMask;
    private final byte[][] heldData;
    private final byte[][] slotBuffer;
    private final int[] heldOffset;
    private final int[] heldLength;
    private final int[] heldSequence;
    private final boolean[] delivered = new boolean[HISTORY];
    private int held;
    private boolean started;
    private int expected;
    private long ssrc;

    long lost;
    long reordered;
    long duplicate;
    long late;
    long restarts;

    RtpReorderBuffer(int window, TsSink sink) {
        this.window = Math.max(1, window);
        this.sink = sink;
        // A power of two divides 65536, so slots stay distinct when the sequence number wraps.
        int slots = Integer.highestOneBit(this.window * 2 - 1);
        slotMask = slots - 1;
        heldData = new byte[slots][];
        slotBuffer = new byte[slots][];
        heldOffset = new int[slots];
        heldLength = new int[slots];
        heldSequence = new int[slots];
    }

    void accept(int sequence, long ssrc, byte[] data, int offset, int length) {
        if (!started || ssrc != this.ssrc) {
            restart(sequence, ssrc);
        }
        int delta = (short) (sequence - expected);
        if (delta == 0) {
            if (held > 0) {
                reordered++;
            }
            deliver(sequence, data, offset, length);
            releaseInOrder();
        } else if (delta > 0 && delta < MAX_DROPOUT) {
            while ((short) (sequence - expected) >= window) {
                skipOne();
            }
            releaseInOrder();
            if (sequence == expected) {
                deliver(sequence, data, offset, length);
                releaseInOrder();
            } else {
                hold(sequence, data, offset, length);
            }
        } else if (delta < 0 && delta > -MAX_MISORDER) {
            if (delivered[sequence & (HISTORY - 1)]) {
                duplicate++;
            } else {
                late++;
            }
        } else {
            restarts++;
            flush();
            restart(sequence, ssrc);
            accept(sequence, ssrc, data, offset, length);
        }
    }

    /** Gives up on every open gap: delivers what is held, counting the missing as lost. */
    void flush() {
        while (held > 0) {
            skipOne();
        }
    }

    private void restart(int sequence, long newSsrc) {
        started = true;
        ssrc = newSsrc;
        expected = sequence;
        java.util.Arrays.fill(delivered, false);
    }

    private void hold(int sequence, byte[] data, int offset, int length) {
        int slot = sequence & slotMask;
        if (heldData[slot] != null && heldSequence[slot] == sequence) {
            duplicate++;
            return;
        }
        // the caller's array is only valid during the call (it is reused for the next
        // datagram): keep a copy, in the slot's own array, allocated once
        byte[] copy = slotBuffer[slot];
        if (copy == null || copy.length < length) {
            copy = new byte[Math.max(length, 2048)];
            slotBuffer[slot] = copy;
        }
        System.arraycopy(data, offset, copy, 0, length);
        heldData[slot] = copy;
        heldOffset[slot] = 0;
        heldLength[slot] = length;
        heldSequence[slot] = sequence;
        held++;
    }

    /** Advances past the expected packet: delivers it if held, else counts it lost. */
    private void skipOne() {
        int slot = expected & slotMask;
        if (heldData[slot] != null && heldSequence[slot] == expected) {
            releaseSlot(slot);
        } else {
            lost++;
            delivered[expected & (HISTORY - 1)] = false;
            expected = (expected + 1) & 0xFFFF;
        }
    }

    private void releaseInOrder() {
        while (held > 0) {
            int slot = expected & slotMask;
            if (heldData[slot] == null || heldSequence[slot] != expected) {
                return;
            }
            releaseSlot(slot);
        }
    }

    private void releaseSlot(int slot) {
        byte[] data = heldData[slot];
        heldData[slot] = null;
        held--;
        deliver(expected, data, heldOffset[slot], heldLength[slot]);
    }

    private void deliver(int sequence, byte[] data, int offset, int length) {
        delivered[sequence & (HISTORY - 1)] = true;
        expected = (sequence + 1) & 0xFFFF;
        sink.accept(data, offset, length);
    }
}
