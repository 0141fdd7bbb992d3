package org.medialive.distributor.output.udp;

import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** RTP in, srt-live-transmit out to a plain UDP receiver on loopback: the sent TS, byte for byte, 7 packets a datagram. */
class UdpOutputIT {

    @TempDir
    Path work;

    @Test
    void sendsTheTransportStreamByteExactWithItsCuesToAUnicastReceiver() throws Exception {
        Path ts = TestStream.withCues(20);
        byte[] sent = TestStream.bytes(ts);
        int input = Ports.freeUdp();
        int port = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "udp-output").start();
             UdpReceiver receiver = new UdpReceiver(port)) {
            Api api = server.api();
            assertThat(api.post("/api/channels", "{\"id\":\"udp\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);
            Api.Response created = api.post("/api/channels/udp/outputs", "{\"id\":\"probe\",\"url\":\"udp://127.0.0.1:" + port + "?ttl=2\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(api.ok("/api/channels/udp/outputs/probe").path("url").asText()).isEqualTo("udp://127.0.0.1:" + port + "?ttl=2");
            await("udp output running").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/udp/outputs/probe").path("status").path("state").asText(), "running"::equals);
            long wanted = 8 * TestStream.BITRATE / 8;
            try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0x5eed)
                    .start(new FileInputStream(ts.toFile()))) {
                await("8 s of stream over UDP").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> receiver.bytesReceived() >= wanted);
            }
            byte[] received = receiver.received();
            assertThat(receiver.datagramSizes().keySet()).as("datagram sizes").containsOnly(1316);
            int offset = TsCapture.contiguousRunOffset(sent, received);
            assertThat(received).isEqualTo(Arrays.copyOfRange(sent, offset, offset + received.length));
            List<byte[]> cues = TsCapture.sections(received, TestStream.SCTE35_PID);
            assertThat(cues).as("SCTE-35 sections received").isNotEmpty();
            assertThat(api.ok("/api/channels/udp/outputs/probe").path("status").path("state").asText()).isEqualTo("running");
            assertThat(server.errorsInLog()).isEmpty();
        }
    }
}
