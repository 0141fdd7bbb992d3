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
 *
 * <p>Writes are batched: the producer wakes the consumer only when a whole write's worth
 * ({@link #MAX_WRITE}) is buffered, or when data arrives after the consumer went idle; otherwise
 * the consumer writes what it has every {@link #FLUSH_NANOS}. At 8 Mbit/s that is one write
 * (and one wake-up of the writer thread and of the reading process) per ~2 ms instead of one per
 * datagram (1.3 ms), for at most {@link #FLUSH_NANOS} of added delay.
 */
final class PacketRing {

    static final int TS_PACKET = 188;
    /** Writes to a pipe of at most PIPE_BUF (4096) bytes are atomic; 21 packets fit. */
    static final int MAX_WRITE = 21 * TS_PACKET;
    /**
     * Longest a packet waits in the ring for more to write with it (the consumer's timer);
     * part of the added latency budget (docs/PERFORMANCE.md).
     */
    static final long FLUSH_NANOS = 2_000_000;

    private final ByteBuffer buffer;
    private final ByteBuffer reader;
    private final int capacity;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    private final long flushNanos;
    private volatile Thread parkedConsumer;
    /** Set by an idle consumer: wake it for any data, to start its flush timer. */
    private volatile boolean wakeOnAny;
    /** Consumer side only: when the current tick ends (System.nanoTime), -1 while idle. */
    private long tickEnd = -1;
    /** Consumer side only: a copy of what was just written, for a tap that must see the bytes. */
    private final byte[] writtenCopy = new byte[MAX_WRITE];

    PacketRing(int requestedBytes) {
        this(requestedBytes, FLUSH_NANOS);
    }

    PacketRing(int requestedBytes, long flushNanos) {
        this.flushNanos = flushNanos;
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
        if (consumer != null && (wakeOnAny || w + length - read.get() >= MAX_WRITE)) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    /**
     * Consumer side: writes at most {@link #MAX_WRITE} bytes of whole packets to the channel,
     * then shows them to {@code tap}. While data flows the consumer works in ticks of the flush
     * delay: a full write's worth is written at once, anything less at the end of the tick it
     * arrived in. A tick that brings nothing makes the consumer idle: it then waits up to
     * {@code maxWait}, and the first data after the pause starts a new tick.
     * @param tap sees every byte written, in order; null for none
     * @return bytes written, 0 if nothing was due in time (call again)
     */
    int drainTo(WritableByteChannel out, TsSink tap, long maxWait, TimeUnit unit) throws IOException {
        long r = read.get();
        long available = written.get() - r;
        if (available < MAX_WRITE) {
            long now = System.nanoTime();
            if (available == 0 || tickEnd < 0 || now < tickEnd) {
                boolean idle = available == 0 && (tickEnd < 0 || now >= tickEnd);
                long waitNanos;
                if (idle) {
                    tickEnd = -1;
                    waitNanos = unit.toNanos(maxWait);
                } else {
                    if (tickEnd < 0) {
                        tickEnd = now + flushNanos;
                    }
                    waitNanos = tickEnd - now;
                }
                wakeOnAny = idle;
                parkedConsumer = Thread.currentThread();
                available = written.get() - r;
                if (available < MAX_WRITE && !(idle && available > 0)) {
                    LockSupport.parkNanos(this, waitNanos);
                    available = written.get() - r;
                }
                parkedConsumer = null;
                wakeOnAny = false;
                if (available == 0) {
                    return 0;
                }
                now = System.nanoTime();
                if (idle) {
                    tickEnd = now + flushNanos; // the first data after a pause starts a tick
                    return 0;
                }
                if (available < MAX_WRITE && now < tickEnd) {
                    return 0; // woken early: wait out the tick on the next call
                }
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
        if (tickEnd >= 0 && written.get() == r + length) {
            long now = System.nanoTime();
            if (now >= tickEnd) {
                tickEnd = now + flushNanos; // all written at the end of a tick: the next one starts
            }
        }
        return length;
    }

    /** Forgets unread data, so a restarted process starts on live packets. Consumer side only. */
    void discardUnread() {
        read.set(written.get());
        tickEnd = -1;
    }

    long droppedBytes() {
        return droppedBytes.get();
    }

    int capacity() {
        return capacity;
    }
}
