package org.medialive.distributor.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TakesOnly pipe = new TakesOnly(Channels.newChannel(out), 0);

        int offered = 0;
        while (offered < ts.length || !ring.isEmpty()) {
            int datagram = Math.min(7 * 188, ts.length - offered);
            if (datagram > 0 && ring.offer(ts, offered, datagram)) {
                offered += datagram;
            }
            pipe.room = 1000; // not a whole number of packets: most are written in two parts
            ring.drainTo(pipe, tap);
        }

        assertThat(out.toByteArray()).isEqualTo(ts);
        assertThat(tap.sections()).isEqualTo(expected);
    }

    @Test
    void countsNothingOnPidsTheChannelDidNotReport() throws IOException {
        byte[] ts = TestStream.bytes(TestStream.withCues(12));
        CueTap tap = new CueTap(new CueSource(() -> 0, Set::of));
        PacketRing ring = new PacketRing(ts.length);
        ring.offer(ts, 0, ts.length / 188 * 188);
        while (!ring.isEmpty()) {
            ring.drainTo(new TakesOnly(Channels.newChannel(OutputStream.nullOutputStream()), 1000), tap);
        }
        assertThat(tap.sections()).isZero();
    }
}
