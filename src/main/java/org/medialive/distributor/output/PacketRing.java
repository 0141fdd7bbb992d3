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
 * <p>Writes are batched, because every write wakes this output's writer thread and the process
 * reading the FIFO: while data flows the consumer writes what it has once per tick of the flush
 * delay (distributor.output.flush-delay), or as soon as {@link #WAKE_BYTES} are buffered (the
 * only time the producer wakes it), in writes of at most {@link #MAX_WRITE}. After a tick without
 * data it goes idle and the producer wakes it for the next datagram. At 8 Mbit/s and 10 ms that
 * is ~100 wake-ups a second instead of one per datagram (760), for at most the flush delay of
 * added latency (docs/PERFORMANCE.md).
 */
final class PacketRing {

    static final int TS_PACKET = 188;
    /** Largest single write: at most PIPE_BUF (4096) bytes, so each write is atomic; 21 packets fit. */
    static final int MAX_WRITE = 21 * TS_PACKET;
    /** Buffered bytes at which the producer wakes the consumer before its tick ends: 12 datagrams. */
    static final int WAKE_BYTES = 4 * MAX_WRITE;

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
    private final int wakeBytes;
    /** Consumer side only: when the current tick ends (System.nanoTime), -1 while idle. */
    private long tickEnd = -1;
    /** Consumer side only: writing until the ring is empty. */
    private boolean flushing;
    /** Consumer side only: a copy of what was just written, for a tap that must see the bytes. */
    private final byte[] writtenCopy = new byte[MAX_WRITE];

    /**
     * @param flushNanos longest a packet waits for more to be written with it (the consumer's tick)
     * @param wakeBytes buffered bytes at which the producer wakes the consumer before the tick ends
     */
    PacketRing(int requestedBytes, long flushNanos, int wakeBytes) {
        this.flushNanos = flushNanos;
        capacity = Math.max(MAX_WRITE, requestedBytes / TS_PACKET * TS_PACKET);
        this.wakeBytes = Math.max(TS_PACKET, Math.min(wakeBytes, capacity / 2));
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
        if (consumer != null && (wakeOnAny || w + length - read.get() >= wakeBytes)) {
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
        if (!flushing) {
            long now = System.nanoTime();
            if (available < wakeBytes && (available == 0 || tickEnd < 0 || now < tickEnd)) {
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
                if (available < wakeBytes && !(idle && available > 0)) {
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
                if (available < wakeBytes && now < tickEnd) {
                    return 0; // woken early: wait out the tick on the next call
                }
            }
            flushing = true; // write everything there is, in writes of at most MAX_WRITE
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
        if (written.get() == r + length) {
            flushing = false;
            tickEnd = System.nanoTime() + flushNanos; // all written: the next tick starts
        }
        return length;
    }

    /** Forgets unread data, so a restarted process starts on live packets. Consumer side only. */
    void discardUnread() {
        read.set(written.get());
        tickEnd = -1;
        flushing = false;
    }

    long droppedBytes() {
        return droppedBytes.get();
    }

    int capacity() {
        return capacity;
    }
}
