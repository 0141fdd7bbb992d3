package org.medialive.distributor.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiveBuffersTest {

    private final ReceiveBuffers buffers = new ReceiveBuffers(new UnpooledByteBufAllocator(true));

    @Test
    void aReleasedBufferIsHandedOutAgainEmpty() {
        ByteBuf first = buffers.ioBuffer(9216);
        first.writeBytes(new byte[1328]);
        first.release();

        ByteBuf second = buffers.ioBuffer(9216);

        assertThat(second).isSameAs(first);
        assertThat(second.readableBytes()).isZero();
        assertThat(second.writableBytes()).isEqualTo(9216);
        assertThat(buffers.size()).isOne();
    }

    @Test
    void buffersInUseAreNeverHandedOutTwice() {
        List<ByteBuf> inUse = new ArrayList<>();
        for (int i = 0; i < DatagramHandler.DATAGRAMS_PER_READ; i++) {
            inUse.add(buffers.ioBuffer(9216));
        }
        Set<ByteBuf> distinct = Collections.newSetFromMap(new IdentityHashMap<>()); // ByteBuf.equals compares content
        distinct.addAll(inUse);
        assertThat(distinct).hasSize(inUse.size());
        inUse.get(10).release();
        assertThat(buffers.ioBuffer(9216)).isSameAs(inUse.get(10));
        assertThat(buffers.size()).isEqualTo(DatagramHandler.DATAGRAMS_PER_READ);
    }

    @Test
    void buffersKeptByOthersMakeItFallBackInsteadOfGrowingWithoutEnd() {
        for (int i = 0; i < ReceiveBuffers.MOST; i++) {
            buffers.ioBuffer(9216);
        }
        ByteBuf extra = buffers.ioBuffer(9216);
        assertThat(extra.alloc()).isNotSameAs(buffers);
        assertThat(buffers.size()).isEqualTo(ReceiveBuffers.MOST);
        extra.release();
    }

    @Test
    void closingFreesIdleBuffersAtOnceAndBusyOnesWhenTheirHandlerIsDone() {
        ByteBuf busy = buffers.ioBuffer(9216);
        ByteBuf idle = buffers.ioBuffer(9216);
        idle.release();

        buffers.release();

        assertThat(idle.refCnt()).isZero();
        assertThat(busy.refCnt()).isOne();
        busy.release();
        assertThat(busy.refCnt()).isZero();
    }
}
