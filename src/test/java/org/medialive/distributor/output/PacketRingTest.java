package org.medialive.distributor.output;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacketRingTest {

    private static byte[] packets(int count, int seed) {
        byte[] data = new byte[count * 188];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    /** A tap that keeps a copy of every packet it is shown. */
    private static PacketRing.PacketTap into(ByteArrayOutputStream tapped) {
        return (ring, at) -> {
            byte[] packet = new byte[188];
            ring.get(at, packet);
            tapped.writeBytes(packet);
        };
    }

    @Test
    void deliversInOrderAcrossTheWrapInWritesOfAtMostAPipesSize() throws Exception {
        PacketRing ring = new PacketRing(30 * 188);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(out);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream tapped = new ByteArrayOutputStream();
        for (int round = 0; round < 50; round++) {
            for (int d = 0; d < round % 4; d++) {
                byte[] datagram = packets(7, round * 4 + d);
                assertThat(ring.offer(datagram, 0, datagram.length)).isTrue();
                expected.write(datagram);
            }
            int before = out.size();
            int written = ring.drainTo(new MaxWriteCheck(channel), into(tapped));
            assertThat(written).isEqualTo(out.size() - before);
            assertThat(ring.isEmpty()).isTrue();
        }
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(tapped.toByteArray()).as("the tap sees exactly what was written").isEqualTo(expected.toByteArray());
        assertThat(ring.droppedBytes()).isZero();
    }

    @Test
    void dropsWholeDatagramsWhenFullAndCountsThem() {
        PacketRing ring = new PacketRing(30 * 188);
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
        PacketRing ring = new PacketRing(30 * 188);
        ring.offer(packets(7, 1), 0, 7 * 188);
        ring.discardUnread();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ring.drainTo(Channels.newChannel(out), null)).isZero();
        byte[] fresh = packets(1, 9);
        ring.offer(fresh, 0, 188);
        ring.drainTo(Channels.newChannel(out), null);
        assertThat(out.toByteArray()).isEqualTo(fresh);
    }

    @Test
    void stopsAtAFullPipeAndGoesOnWhereItStoppedShowingTheTapWholePackets() throws Exception {
        PacketRing ring = new PacketRing(1000 * 188);
        byte[] data = packets(700, 3);
        ring.offer(data, 0, data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream tapped = new ByteArrayOutputStream();
        TakesOnly pipe = new TakesOnly(Channels.newChannel(out), 70_000); // not a whole number of packets
        assertThat(ring.drainTo(pipe, into(tapped))).isEqualTo(70_000);
        assertThat(ring.isEmpty()).isFalse();
        assertThat(tapped.size()).as("whole packets only").isEqualTo(70_000 / 188 * 188);
        assertThat(ring.drainTo(pipe, into(tapped))).as("a full pipe takes nothing").isZero();
        pipe.room = Integer.MAX_VALUE;
        assertThat(ring.drainTo(pipe, into(tapped))).isEqualTo(data.length - 70_000);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(tapped.toByteArray()).isEqualTo(data);
    }

    /** Fails the test if a write is larger than a pipe's default size. */
    private record MaxWriteCheck(WritableByteChannel out) implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) throws java.io.IOException {
            assertThat(src.remaining()).isLessThanOrEqualTo(65_536);
            return out.write(src);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
