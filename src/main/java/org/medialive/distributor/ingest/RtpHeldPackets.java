package org.medialive.distributor.ingest;

/**
 * The packets the reorder window holds while it waits for a gap before them to fill, each in a
 * slot of its own chosen by sequence number. The window keeps held numbers within one window
 * of the next expected one, and there are at least as many slots as the window is long, so two
 * held packets never share a slot and {@link #count()} is exactly the occupied slots. Each slot
 * copies into an array of its own, allocated at its first use. Not thread-safe.
 */
final class RtpHeldPackets {

    private final int slotMask;
    private final byte[][] data;
    private final boolean[] occupied;
    private final int[] length;
    private final int[] sequence;
    private int count;

    RtpHeldPackets(int window) {
        // A power of two divides 65536, so slots stay distinct when the sequence number wraps.
        int slots = Integer.highestOneBit(window * 2 - 1);
        slotMask = slots - 1;
        data = new byte[slots][];
        occupied = new boolean[slots];
        length = new int[slots];
        sequence = new int[slots];
    }

    int count() {
        return count;
    }

    boolean holds(int sequenceNumber) {
        int slot = sequenceNumber & slotMask;
        return occupied[slot] && sequence[slot] == sequenceNumber;
    }

    /**
     * Keeps a copy (the caller's array is reused for the next datagram).
     * @return false when its slot is taken: by the invariant, by this same sequence number (a duplicate)
     */
    boolean hold(int sequenceNumber, byte[] from, int offset, int bytes) {
        int slot = sequenceNumber & slotMask;
        if (occupied[slot]) {
            return false;
        }
        byte[] copy = data[slot];
        if (copy == null || copy.length < bytes) {
            copy = new byte[Math.max(bytes, 2048)];
            data[slot] = copy;
        }
        System.arraycopy(from, offset, copy, 0, bytes);
        occupied[slot] = true;
        length[slot] = bytes;
        sequence[slot] = sequenceNumber;
        count++;
        return true;
    }

    /** Frees the slot of a held packet ({@link #holds} is true) and passes its bytes on. */
    void release(int sequenceNumber, TsSink sink) {
        int slot = sequenceNumber & slotMask;
        occupied[slot] = false;
        count--;
        sink.accept(data[slot], 0, length[slot]);
    }

    /** Counts the occupied slots, to check the invariant {@code count() == occupiedSlots()} in tests. */
    int occupiedSlots() {
        int slots = 0;
        for (boolean slot : occupied) {
            slots += slot ? 1 : 0;
        }
        return slots;
    }
}
