package org.medialive.distributor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.RtpDatagrams;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 malformed datagrams between the valid ones of a live channel: every one is counted
 * and dropped, nothing escapes as an exception, and the SRT output stays byte-exact.
 */
class DatagramFuzzIT {

    private static final int GARBAGE = 10_000;

    @TempDir
    Path work;

    @Test
    void malformedDatagramsAreCountedAndDroppedWithoutDisturbingTheStream() throws Exception {
        byte[] ts = TestStream.bytes(TestStream.withCues(40));
        List<byte[]> valid = RtpDatagrams.of(ts, 3000);
        int input = Ports.freeUdp();
        int srtPort = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "fuzz").start();
             SrtReceiver receiver = SrtReceiver.listen(srtPort, work.resolve("rx.ts"), "")) {
            Api api = server.api();
            api.post("/api/channels", "{\"id\":\"fuzz\",\"input\":{\"port\":" + input + "},\"started\":true}");
            api.post("/api/channels/fuzz/outputs", "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + srtPort + "\"}");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    api.ok("/api/channels/fuzz/outputs/srt").path("status").path("state").asText().equals("running"));

            Random random = new Random(20261127);
            long interval = 1316L * 8 * 1_000_000_000L / TestStream.BITRATE;
            try (DatagramSocket socket = new DatagramSocket()) {
                InetSocketAddress target = new InetSocketAddress("127.0.0.1", input);
                long start = System.nanoTime();
                int sentGarbage = 0;
                for (int i = 0; i < valid.size(); i++) {
                    long due = start + i * interval;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    socket.send(new DatagramPacket(valid.get(i), valid.get(i).length, target));
                    for (int k = 0; k < 4 && sentGarbage < GARBAGE; k++, sentGarbage++) {
                        byte[] bad = malformed(random, sentGarbage % 6);
                        socket.send(new DatagramPacket(bad, bad.length, target));
                    }
                }
                assertThat(sentGarbage).isEqualTo(GARBAGE);
            }

            await("every datagram counted").atMost(Duration.ofSeconds(15)).until(() ->
                    api.ok("/api/channels/fuzz").path("status").path("datagrams").asLong() == valid.size() + GARBAGE);
            JsonNode status = api.ok("/api/channels/fuzz").path("status");
            assertThat(status.path("malformed").asLong()).isEqualTo(GARBAGE);
            assertThat(status.path("rtpLost").asLong()).isZero();
            assertThat(status.path("packets").asLong()).isEqualTo(valid.size() * 7L);

            byte[] received = receiver.received();
            received = Arrays.copyOf(received, received.length - received.length % 188);
            assertThat(received.length).isGreaterThan(valid.size() * 1316 / 2);
            TsCapture.contiguousRunOffset(ts, received);
            assertThat(TsCapture.ccErrors(received)).isZero();
            assertThat(server.errorsInLog()).isEmpty();
        }
    }

    /** Six kinds of bad datagram, none of which is valid RTP/MPEG-TS. */
    private static byte[] malformed(Random random, int kind) {
        byte[] d;
        switch (kind) {
            case 0 -> { // truncated RTP header
                d = new byte[1 + random.nextInt(11)];
                d[0] = (byte) 0x80;
            }
            case 1 -> { // RTP version 1
                d = rtp(7 * 188);
                d[0] = 0x40;
            }
            case 2 -> { // wrong payload type
                d = rtp(7 * 188);
                d[1] = (byte) (96 + random.nextInt(30));
            }
            case 3 -> { // RTP carrying a partial TS packet
                d = rtp(1 + random.nextInt(7 * 188 - 1));
                if ((d.length - 12) % 188 == 0) {
                    d = Arrays.copyOf(d, d.length - 1);
                }
            }
            case 4 -> { // plain TS cut short
                d = new byte[188 + 1 + random.nextInt(186)];
                d[0] = 0x47;
                d[188] = 0x47;
            }
            default -> { // garbage that is neither RTP nor TS
                d = new byte[1 + random.nextInt(1500)];
                random.nextBytes(d);
                d[0] = (byte) (random.nextInt(0x40));
                if (d[0] == 0x47) {
                    d[0] = 0;
                }
            }
        }
        return d;
    }

    private static byte[] rtp(int payload) {
        byte[] d = new byte[12 + payload];
        d[0] = (byte) 0x80;
        d[1] = 33;
        d[12] = 0x47;
        return d;
    }
}
