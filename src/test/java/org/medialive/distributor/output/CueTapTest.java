package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;

class CueTapTest {

    @Test
    void countsEveryCueWrittenThroughTheRingWhateverThePipeTakes() throws IOException {
        byte[] ts = TestStream.bytes(TestStream.withCues(12));
        int expected = TsCapture.sections(ts, TestStream.SCTE35_PID).size();
        assertThat(expected).isGreaterThanOrEqualTo(2);
        CueTap tap = new CueTap(new CueSource(() -> 0, () -> Set.of(TestStream.SCTE35_PID)));
        PacketRing ring = new PacketRing(50 * 188); // wraps many times
        OddSizedPipe pipe = new OddSizedPipe();

        int offered = 0;
        while (offered < ts.length || !ring.isEmpty()) {
            int datagram = Math.min(7 * 188, ts.length - offered);
            if (datagram > 0 && ring.offer(ts, offered, datagram)) {
                offered += datagram;
            }
            ring.drainTo(pipe, tap);
        }

        assertThat(pipe.bytes).isEqualTo(ts.length);
        assertThat(tap.sections()).isEqualTo(expected);
    }

    @Test
    void countsNothingOnPidsTheChannelDidNotReport() throws IOException {
        byte[] ts = TestStream.bytes(TestStream.withCues(12));
        CueTap tap = new CueTap(new CueSource(() -> 0, Set::of));
        PacketRing ring = new PacketRing(ts.length);
        ring.offer(ts, 0, ts.length / 188 * 188);
        while (!ring.isEmpty()) {
            ring.drainTo(new OddSizedPipe(), tap);
        }
        assertThat(tap.sections()).isZero();
    }

    /** Takes 1,000 bytes at a time and then nothing, so packets are written in parts. */
    private static final class OddSizedPipe implements WritableByteChannel {
        long bytes;
        private boolean full;

        @Override
        public int write(ByteBuffer src) {
            full = !full;
            if (!full) {
                return 0;
            }
            int n = Math.min(1000, src.remaining());
            src.position(src.position() + n);
            bytes += n;
            return n;
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
