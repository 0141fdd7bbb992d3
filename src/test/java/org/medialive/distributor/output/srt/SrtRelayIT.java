package org.medialive.distributor.output.srt;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, with real processes: RTP in, srt-live-transmit out, srt-live-transmit
 * receivers writing files. What arrives must be the sent TS, byte for byte.
 */
class SrtRelayIT {

    private static final long BYTES_PER_SECOND = TestStream.BITRATE / 8;

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api api;

    @BeforeAll
    static void startServer() {
        server = new DistributorServer(work.resolve("data"), "srt-relay").start();
        api = server.api();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void relaysByteExactToTwoOutputsWhileAnotherIsAddedAndOneRemoved() throws IOException {
        Path ts = TestStream.withCues(40);
        byte[] sent = TestStream.bytes(ts);
        int input = Ports.freeUdp();
        int[] ports = {Ports.freeUdp(), Ports.freeUdp(), Ports.freeUdp()};
        try (SrtReceiver a = SrtReceiver.listen(ports[0], work.resolve("a.ts"), "");
             SrtReceiver b = SrtReceiver.listen(ports[1], work.resolve("b.ts"), "&latency=200");
             SrtReceiver c = SrtReceiver.listen(ports[2], work.resolve("c.ts"), "")) {
            assertThat(api.post("/api/channels", "{\"id\":\"relay\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);
            addOutput("a", ports[0], "&latency=120");
            addOutput("b", ports[1], "&latency=200");
            awaitState("a", "running");
            awaitState("b", "running");

            try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0x5eed)
                    .start(new FileInputStream(ts.toFile()))) {
                awaitBytes(a, 6 * BYTES_PER_SECOND);
                awaitBytes(b, 6 * BYTES_PER_SECOND);

                addOutput("c", ports[2], "");
                awaitBytes(c, 2 * BYTES_PER_SECOND);
                long aBeforeRemoval = a.bytesReceived();
                assertThat(api.delete("/api/channels/relay/outputs/b").status()).isEqualTo(204);
                awaitBytes(a, aBeforeRemoval + 8 * BYTES_PER_SECOND);
                awaitBytes(c, 6 * BYTES_PER_SECOND);
            }

            for (SrtReceiver receiver : List.of(a, b, c)) {
                byte[] received = wholePackets(receiver.received());
                int offset = TsCapture.contiguousRunOffset(sent, received);
                byte[] sentRun = Arrays.copyOfRange(sent, offset, offset + received.length);
                assertThat(TsCapture.ccErrors(received)).as("CC errors in " + receiver.file()).isZero();
                List<byte[]> cuesReceived = TsCapture.sections(received, TestStream.SCTE35_PID);
                List<byte[]> cuesSent = TsCapture.sections(sentRun, TestStream.SCTE35_PID);
                assertThat(cuesReceived).as("SCTE-35 sections in " + receiver.file())
                        .hasSameSizeAs(cuesSent).isNotEmpty();
                for (int i = 0; i < cuesSent.size(); i++) {
                    assertThat(cuesReceived.get(i)).isEqualTo(cuesSent.get(i));
                }
            }
        }
        assertThat(server.errorsInLog()).isEmpty();
    }

    private static void addOutput(String id, int port, String options) {
        Api.Response response = api.post("/api/channels/relay/outputs",
                "{\"id\":\"" + id + "\",\"url\":\"srt://127.0.0.1:" + port + "?mode=caller" + options + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static void awaitState(String output, String state) {
        await(output + " " + state).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.ok("/api/channels/relay/outputs/" + output).path("status").path("state").asText(),
                        state::equals);
    }

    private static void awaitBytes(SrtReceiver receiver, long bytes) {
        await(receiver.file() + " reaching " + bytes + " bytes").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> receiver.bytesReceived() >= bytes);
    }

    /** The receiver may be mid-write when the file is read: keep whole packets only. */
    private static byte[] wholePackets(byte[] data) {
        return Arrays.copyOf(data, data.length - data.length % 188);
    }
}
