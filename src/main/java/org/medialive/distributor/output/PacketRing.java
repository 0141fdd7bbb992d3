package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.medialive.distributor.ingest.TsSink;

/**
 * The bounded buffer between a channel's receive path and one output's FIFO.
 * One producer (the channel's receiver) and one consumer (the output's FIFO writer).
 * The producer never waits: when the consumer falls behind, whole datagrams are dropped
 * and counted, so a slow output cannot slow the channel or its other outputs.
 * The capacity is a whole number of TS packets, so packets never straddle the wrap.
 */
final class PacketRing {

    static final int TS_PACKET = 188;
    /** Writes to a pipe of at most PIPE_BUF (4096) bytes are atomic; 21 packets fit. */
    static final int MAX_WRITE = 21 * TS_PACKET;

    private final ByteBuffer buffer;
    private final ByteBuffer reader;
    private final int capacity;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    private volatile Thread parkedConsumer;
    /** Consumer side only: a copy of what was just written, for a tap that must see the bytes. */
    private final byte[] writtenCopy = new byte[MAX_WRITE];

    PacketRing(int requestedBytes) {
        capacity = Math.max(MAX_WRITE, requestedBytes / TS_PACKET * TS_PACKET);
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
        written.set(w + length); // a full fence: the consumer may be about to park
        Thread consumer = parkedConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    /**
     * Consumer side: waits up to {@code maxWait} for data, then writes at most
     * {@link #MAX_WRITE} bytes of whole packets to the channel, then shows them to {@code tap}.
     * @param tap sees every byte written, in order; null for none
     * @return bytes written, 0 if nothing arrived in time
     */
    int drainTo(WritableByteChannel out, TsSink tap, long maxWait, TimeUnit unit) throws IOException {
        long r = read.get();
        long available = written.get() - r;
        if (available == 0) {
            parkedConsumer = Thread.currentThread();
            available = written.get() - r;
            if (available == 0) {
                LockSupport.parkNanos(this, unit.toNanos(maxWait));
                available = written.get() - r;
            }
            parkedConsumer = null;
            if (available == 0) {
                return 0;
            }
        }
        int at = (int) (r % capacity);
        int length = (int) Math.min(Math.min(available, MAX_WRITE), capacity - at);
        reader.limit(at + length).position(at);
        while (reader.hasRemaining()) {
            out.write(reader);
        }
        if (tap != null) {
            buffer.get(at, writtenCopy, 0, length);
            tap.accept(writtenCopy, 0, length);
        }
        read.lazySet(r + length);
        return length;
    }

    /** Forgets unread data, so a restarted process starts on live packets. Consumer side only. */
    void discardUnread() {
        read.set(written.get());
    }

    long droppedBytes() {
        return droppedBytes.get();
    }

    int capacity() {
        return capacity;
    }
}
