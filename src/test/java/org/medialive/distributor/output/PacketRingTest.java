package org.medialive.distributor.output;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PacketRingTest {

    /** A ring with the default flush delay, 10 ms. */
    private static PacketRing ring(int bytes) {
        return new PacketRing(bytes, TimeUnit.MILLISECONDS.toNanos(10), PacketRing.WAKE_BYTES);
    }

    private static byte[] packets(int count, int seed) {
        byte[] data = new byte[count * 188];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    @Test
    void deliversInOrderAcrossTheWrapInWritesOfAtMostPipeBuf() throws Exception {
        PacketRing ring = ring(30 * 188);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(out);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int round = 0; round < 50; round++) {
            byte[] datagram = packets(7, round);
            assertThat(ring.offer(datagram, 0, datagram.length)).isTrue();
            expected.write(datagram);
            int written;
            while ((written = ring.drainTo(channel, null, 1, TimeUnit.MILLISECONDS)) > 0) {
                assertThat(written % 188).isZero();
                assertThat(written).isLessThanOrEqualTo(4096);
            }
        }
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(ring.droppedBytes()).isZero();
    }

    @Test
    void dropsWholeDatagramsWhenFullAndCountsThem() {
        PacketRing ring = ring(30 * 188);
        byte[] datagram = packets(7, 1);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            if (ring.offer(datagram, 0, datagram.length)) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(4);
        assertThat(ring.droppedBytes()).isEqualTo(6L * 7 * 188);
    }

    @Test
    void discardingUnreadStartsAFreshRun() throws Exception {
        PacketRing ring = ring(30 * 188);
        ring.offer(packets(7, 1), 0, 7 * 188);
        ring.discardUnread();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ring.drainTo(Channels.newChannel(out), null, 1, TimeUnit.MILLISECONDS)).isZero();
        byte[] fresh = packets(1, 9);
        ring.offer(fresh, 0, 188);
        ring.drainTo(Channels.newChannel(out), null, 1, TimeUnit.MILLISECONDS);
        assertThat(out.toByteArray()).isEqualTo(fresh);
    }

    @Test
    void writesAWholeWriteAtOnceButWaitsTheFlushDelayForLess() throws Exception {
        long flush = TimeUnit.MILLISECONDS.toNanos(300);
        PacketRing ring = new PacketRing(60 * 188, flush, PacketRing.MAX_WRITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(out);
        byte[] three = packets(21, 3);
        ring.offer(three, 0, three.length);
        long start = System.nanoTime();
        assertThat(ring.drainTo(channel, null, 1, TimeUnit.SECONDS)).isEqualTo(PacketRing.MAX_WRITE);
        byte[] one = packets(7, 4);
        ring.offer(one, 0, one.length);
        int written = 0;
        while (written == 0) {
            written = ring.drainTo(channel, null, 1, TimeUnit.SECONDS);
        }
        assertThat(written).isEqualTo(one.length);
        assertThat(System.nanoTime() - start).as("a lone datagram waits for company").isGreaterThanOrEqualTo(flush);
        assertThat(out.toByteArray()).hasSize(three.length + one.length);
    }

    @Test
    void anIdleWriterIsWokenByTheFirstData() throws Exception {
        PacketRing ring = new PacketRing(60 * 188, TimeUnit.MILLISECONDS.toNanos(50), PacketRing.MAX_WRITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(out);
        java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
        Thread writer = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    // an hour's wait when idle: only the producer's wake-up can end it in time
                    total.addAndGet(ring.drainTo(channel, null, 1, TimeUnit.HOURS));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        // idle: parked for up to an hour, waiting for data
        await("writer idle").atMost(Duration.ofSeconds(10)).until(() -> writer.getState() == Thread.State.TIMED_WAITING);
        byte[] datagram = packets(7, 5);
        ring.offer(datagram, 0, datagram.length);
        await("datagram written").atMost(Duration.ofSeconds(10)).until(() -> total.get() >= datagram.length);
        assertThat(total.get()).isEqualTo(datagram.length);
        writer.interrupt();
    }
}
