package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded buffer between a channel's receive path and one output's FIFO.
 * One producer (the channel's receiver) and one consumer (the {@link FifoFlusher} pass that
 * writes this output's FIFO, one at a time). The producer never waits: when the consumer falls
 * behind, whole datagrams are dropped and counted, so a slow output cannot slow the channel or
 * its other outputs. The capacity is a whole number of TS packets, so packets never straddle
 * the wrap. The producer wakes nobody: the flusher comes by once per flush delay.
 */
final class PacketRing {

    static final int TS_PACKET = 188;
    /**
     * Largest single write: a pipe's default size. One write per flush wakes the reading process
     * once; every extra write may wake it again, and those wake-ups were the writer's main cost
     * (docs/PERFORMANCE.md). A non-blocking pipe may take part of it; the rest waits.
     */
    static final int MAX_WRITE = 65_536;

    /**
     * Sees each packet an output wrote, where it lies in the ring, before the space is given back
     * to the producer: looking at it there costs nothing for the packets it does not want.
     */
    @FunctionalInterface
    interface PacketTap {
        /** @param at index of the packet's first byte in {@code ring}; its 188 bytes are contiguous */
        void packet(ByteBuffer ring, int at);
    }

    private final ByteBuffer buffer;
    private final ByteBuffer reader;
    private final int capacity;
    private final AtomicLong written = new AtomicLong();
    /**
     * Where the producer may write up to: the start of the first packet not yet written whole.
     * A packet written in part stays reserved, so the tap can be shown it once its end is written.
     */
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    /** Consumer side only: how far the stream has been written out, to the byte. */
    private long sent;

    PacketRing(int requestedBytes) {
        capacity = Math.max(TS_PACKET, requestedBytes / TS_PACKET * TS_PACKET);
        buffer = ByteBuffer.allocateDirect(capacity);
        reader = buffer.duplicate();
    }

    /** Producer side: copies the packets in, or drops them all if they do not fit. */
    boolean offer(byte[] src, int offset, int length) {
        long w = written.get();
        if (capacity - (w - read.get()) < length) {
            droppedBytes.addAndGet(length);
            return false;
        }
        int at = (int) (w % capacity);
        int first = Math.min(length, capacity - at);
        buffer.put(at, src, offset, first);
        if (first < length) {
            buffer.put(0, src, offset + first, length - first);
        }
        written.lazySet(w + length);
        return true;
    }

    /**
     * Consumer side: writes everything buffered, in writes of at most {@link #MAX_WRITE} bytes,
     * until the buffer is empty or {@code out} takes less than it was given (a full non-blocking
     * pipe); the rest waits for the next call. Shows {@code tap} every packet once it has been
     * written whole, in order (a packet written in part is shown once its end is written).
     * @param tap null for none
     * @return bytes written
     */
    int drainTo(WritableByteChannel out, PacketTap tap) throws IOException {
        long start = sent;
        long available;
        while ((available = written.get() - sent) > 0) {
            int at = (int) (sent % capacity);
            int length = (int) Math.min(Math.min(available, MAX_WRITE), capacity - at);
            reader.limit(at + length).position(at);
            int n = out.write(reader);
            if (n <= 0) {
                break;
            }
            sent += n;
            if (n < length) {
                break;
            }
        }
        long whole = sent / TS_PACKET * TS_PACKET;
        if (tap != null) {
            for (long packet = start / TS_PACKET * TS_PACKET; packet < whole; packet += TS_PACKET) {
                tap.packet(buffer, (int) (packet % capacity));
            }
        }
        read.lazySet(whole); // after the tap: from here the producer may reuse the space
        return (int) (sent - start);
    }

    /** Consumer side: whether everything offered has been written out. */
    boolean isEmpty() {
        return written.get() == sent;
    }

    /** Forgets unread data, so a restarted process starts on live packets. Consumer side only. */
    void discardUnread() {
        sent = written.get();
        read.set(sent);
    }

    long droppedBytes() {
        return droppedBytes.get();
    }

    int capacity() {
        return capacity;
    }
}
