package org.medialive.distributor.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The buffers one ingest socket reads its datagrams into, reused from one read to the next.
 * Netty's pooled allocator hands out and takes back a buffer for every datagram, through a
 * thread cache, a queue and an object recycler, and samples some of them for leak tracking:
 * at 25 channels (19,000 datagrams a second) that was a quarter of the Java work on the ingest
 * thread (docs/PERFORMANCE.md). These buffers stay allocated: the set holds one reference to
 * each, and a buffer whose count is back to that one reference (the datagram's handler released
 * it) is free again. One read takes what waits, up to {@link DatagramHandler#DATAGRAMS_PER_READ}
 * datagrams, before they are handled, so the set grows to the most one read took and stays; past
 * {@link #MOST} (someone kept buffers) reads fall back to the pooled allocator. Everything but
 * the socket's read buffers goes to the channel's own allocator. Event loop thread only.
 */
final class ReceiveBuffers implements ByteBufAllocator {

    static final int MOST = 2 * DatagramHandler.DATAGRAMS_PER_READ;

    private final ByteBufAllocator fallback;
    private final List<ByteBuf> buffers = new ArrayList<>();
    private int next;

    ReceiveBuffers(ByteBufAllocator fallback) {
        this.fallback = fallback;
    }

    /** What Netty's read loop asks for: a buffer for the next datagram. */
    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        for (int i = 0; i < buffers.size(); i++) {
            ByteBuf buffer = buffers.get(next);
            next = (next + 1) % buffers.size();
            if (buffer.refCnt() == 1 && buffer.capacity() >= initialCapacity) {
                return buffer.retain().clear();
            }
        }
        if (buffers.size() >= MOST) {
            return fallback.ioBuffer(initialCapacity);
        }
        ByteBuf buffer = new UnpooledDirectByteBuf(this, initialCapacity, initialCapacity);
        buffers.add(buffer);
        return buffer.retain();
    }

    /** Gives the memory back once the socket is closed; a buffer still being handled goes when it is released. */
    void release() {
        buffers.forEach(ByteBuf::release);
        buffers.clear();
    }

    int size() {
        return buffers.size();
    }

    @Override
    public ByteBuf ioBuffer() {
        return fallback.ioBuffer();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        return fallback.ioBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf buffer() {
        return fallback.buffer();
    }

    @Override
    public ByteBuf buffer(int initialCapacity) {
        return fallback.buffer(initialCapacity);
    }

    @Override
    public ByteBuf buffer(int initialCapacity, int maxCapacity) {
        return fallback.buffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf heapBuffer() {
        return fallback.heapBuffer();
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity) {
        return fallback.heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
        return fallback.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf directBuffer() {
        return fallback.directBuffer();
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity) {
        return fallback.directBuffer(initialCapacity);
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
        return fallback.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public CompositeByteBuf compositeBuffer() {
        return fallback.compositeBuffer();
    }

    @Override
    public CompositeByteBuf compositeBuffer(int maxNumComponents) {
        return fallback.compositeBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer() {
        return fallback.compositeHeapBuffer();
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
        return fallback.compositeHeapBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer() {
        return fallback.compositeDirectBuffer();
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
        return fallback.compositeDirectBuffer(maxNumComponents);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return fallback.isDirectBufferPooled();
    }

    @Override
    public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
        return fallback.calculateNewCapacity(minNewCapacity, maxCapacity);
    }
}
