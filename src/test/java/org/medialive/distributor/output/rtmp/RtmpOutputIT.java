package org.medialive.distributor.output.rtmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.Probe;
import org.medialive.distributor.support.RtmpServer;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RTMP through FFmpeg into a real nginx-rtmp server, beside an SRT output that must stay
 * byte-exact while the RTMP output is added, restarted, stopped and removed.
 */
class RtmpOutputIT {

    private static final String KEY = "live-key-7f3a9c";

    @TempDir
    Path work;

    @Test
    void publishesFlvBesideAnUntouchedSrtOutputAndKeepsTheKeySecret() throws Exception {
        Path ts = TestStream.withCues(45);
        int input = Ports.freeUdp();
        int srtPort = Ports.freeUdp();
        try (RtmpServer nginx = RtmpServer.start(work.resolve("nginx"));
             DistributorServer server = new DistributorServer(work.resolve("data"), "rtmp").start();
             SrtReceiver srt = SrtReceiver.listen(srtPort, work.resolve("srt.ts"), "")) {
            Api api = server.api();
            assertThat(api.post("/api/channels", "{\"id\":\"mix\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);
            assertThat(api.post("/api/channels/mix/outputs", "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + srtPort + "\"}").status()).isEqualTo(201);
            try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 3)
                    .start(new FileInputStream(ts.toFile()))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> srt.bytesReceived() > TestStream.BITRATE / 8);

                String rtmpUrl = "rtmp://127.0.0.1:" + nginx.port() + "/live/" + KEY;
                Api.Response added = api.post("/api/channels/mix/outputs", "{\"id\":\"rtmp\",\"url\":\"" + rtmpUrl + "\"}");
                assertThat(added.status()).isEqualTo(201);
                assertThat(added.body()).doesNotContain(KEY).contains("/live/***");
                awaitState(api, "rtmp", "running");
                assertThat(api.post("/api/channels/mix/outputs/rtmp/restart").status()).isEqualTo(200);
                // the recording of the new run starts with the new process (FFmpeg publishes what it probed too)
                awaitState(api, "rtmp", "starting");
                long publishingSince = System.nanoTime();
                awaitState(api, "rtmp", "running");
                await("10 s of publishing").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> System.nanoTime() - publishingSince > 10_000_000_000L);
                JsonNode progress = output(api, "rtmp").path("status").path("link");
                assertThat(progress.path("frames").asLong()).isGreaterThan(100);
                JsonNode cues = output(api, "rtmp").path("status").path("cues");
                assertThat(cues.path("carried").asBoolean()).isFalse();
                assertThat(cues.path("seen").asLong()).as("cues seen while publishing").isPositive();
                assertThat(cues.path("note").asText()).contains("not carried");
                assertThat(api.post("/api/channels/mix/outputs/rtmp/stop").status()).isEqualTo(200);
                double streamed = (System.nanoTime() - publishingSince) / 1e9;

                Api.Response refused = api.post("/api/channels/mix/outputs",
                        "{\"id\":\"down\",\"url\":\"rtmp://127.0.0.1:" + Ports.freeTcp() + "/live/other-key-123\"}");
                assertThat(refused.status()).isEqualTo(201);
                awaitState(api, "down", "retrying");
                assertThat(output(api, "down").path("status").path("lastError").asText()).contains("Connection refused");
                assertThat(api.delete("/api/channels/mix/outputs/rtmp").status()).isEqualTo(204);
                assertThat(api.delete("/api/channels/mix/outputs/down").status()).isEqualTo(204);
                long afterRemoval = srt.bytesReceived();
                await().atMost(Duration.ofSeconds(20)).until(() -> srt.bytesReceived() > afterRemoval + TestStream.BITRATE / 8);

                JsonNode recording = Probe.of(nginx.recording(KEY));
                assertThat(recording.findValuesAsText("codec_name")).containsExactlyInAnyOrder("h264", "aac");
                assertThat(recording.path("streams").findValues("width").get(0).asInt()).isEqualTo(640);
                assertThat(recording.path("streams").findValues("height").get(0).asInt()).isEqualTo(360);
                assertThat(recording.path("format").path("duration").asDouble()).isCloseTo(streamed, org.assertj.core.data.Offset.offset(3.0));
            }
            JsonNode srtOutput = output(api, "srt");
            assertThat(srtOutput.path("status").path("restarts").asInt()).isZero();
            byte[] received = srt.received();
            received = Arrays.copyOf(received, received.length - received.length % 188);
            TsCapture.contiguousRunOffset(TestStream.bytes(ts), received);
            assertThat(TsCapture.ccErrors(received)).isZero();

            assertThat(api.get("/api/channels").body()).doesNotContain(KEY);
            assertThat(server.logText()).doesNotContain(KEY);
            assertThat(Files.readString(work.resolve("data/logs/mix/rtmp.log"))).doesNotContain(KEY).contains("/live/***");
        }
    }

    private static JsonNode output(Api api, String id) {
        return api.ok("/api/channels/mix/outputs/" + id);
    }

    private static void awaitState(Api api, String id, String state) {
        await(id + " " + state).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> output(api, id).path("status").path("state").asText(), state::equals);
    }
}
