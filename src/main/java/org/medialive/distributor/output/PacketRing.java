package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.medialive.distributor.ingest.TsSink;

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

    private final ByteBuffer buffer;
    private final ByteBuffer reader;
    private final int capacity;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    /** Consumer side only: what the tap is shown, whole packets: a partial packet left over, then what was just written. */
    private final byte[] tapBytes = new byte[TS_PACKET + MAX_WRITE];
    /** Consumer side only: bytes of a packet written only in part, waiting at the start of tapBytes. */
    private int tapCarry;

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
     * pipe); the rest waits for the next call. Shows {@code tap} every byte written, in order and
     * in whole packets (a packet written in part is shown once its end is written).
     * @param tap null for none
     * @return bytes written
     */
    int drainTo(WritableByteChannel out, TsSink tap) throws IOException {
        int total = 0;
        long r = read.get();
        long available;
        while ((available = written.get() - r) > 0) {
            int at = (int) (r % capacity);
            int length = (int) Math.min(Math.min(available, MAX_WRITE), capacity - at);
            reader.limit(at + length).position(at);
            int n = out.write(reader);
            if (n <= 0) {
                break;
            }
            if (tap != null) {
                buffer.get(at, tapBytes, tapCarry, n); // before the producer may reuse the space
            }
            r += n;
            read.lazySet(r);
            total += n;
            if (tap != null) {
                showTap(tap, tapCarry + n);
            }
            if (n < length) {
                break;
            }
        }
        return total;
    }

    private void showTap(TsSink tap, int bytes) {
        int whole = bytes / TS_PACKET * TS_PACKET;
        tapCarry = bytes - whole;
        if (whole > 0) {
            tap.accept(tapBytes, 0, whole);
        }
        System.arraycopy(tapBytes, whole, tapBytes, 0, tapCarry);
    }

    boolean isEmpty() {
        return written.get() == read.get();
    }

    /** Forgets unread data, so a restarted process starts on live packets. Consumer side only. */
    void discardUnread() {
        read.set(written.get());
        tapCarry = 0;
    }

    long droppedBytes() {
        return droppedBytes.get();
    }

    int capacity() {
        return capacity;
    }
}
