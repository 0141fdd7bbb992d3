package org.medialive.distributor.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ChildProcesses;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Channels and outputs survive a restart of the server; no child process outlives it. */
class RestartIT {

    @TempDir
    Path work;

    @Test
    void channelsAndOutputsComeBackAndStreamingResumes() throws Exception {
        Path data = work.resolve("data");
        int input = Ports.freeUdp();
        int srtPort = Ports.freeUdp();
        Path ts = TestStream.plain(60);
        try (SrtReceiver receiver = SrtReceiver.listen(srtPort, work.resolve("rx.ts"), "&passphrase=restart-secret-1");
             RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 77)
                     .start(new FileInputStream(ts.toFile()))) {
            String maskedUrl;
            try (DistributorServer first = new DistributorServer(data, "restart-1").start()) {
                Api api = first.api();
                assertThat(api.post("/api/channels", "{\"id\":\"sport\",\"name\":\"Sport HD\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);
                assertThat(api.post("/api/channels", "{\"id\":\"idle\",\"input\":{\"port\":" + Ports.freeUdp() + "}}").status()).isEqualTo(201);
                assertThat(api.post("/api/channels/sport/outputs", "{\"id\":\"main\",\"url\":\"srt://127.0.0.1:" + srtPort + "?passphrase=restart-secret-1\"}").status()).isEqualTo(201);
                assertThat(api.post("/api/channels/sport/outputs", "{\"id\":\"spare\",\"url\":\"srt://127.0.0.1:" + Ports.freeUdp() + "\",\"enabled\":false}").status()).isEqualTo(201);
                awaitStreaming(api, receiver, 0);
                maskedUrl = api.ok("/api/channels/sport/outputs/main").path("url").asText();
                first.stop();
            }
            assertThat(ChildProcesses.of(data)).as("output processes left after SIGTERM").isEmpty();
            long bytesAtStop = receiver.bytesReceived();

            try (DistributorServer second = new DistributorServer(data, "restart-2").start()) {
                Api again = second.api();
                JsonNode channels = again.ok("/api/channels");
                assertThat(channels.findValuesAsText("id")).containsExactly("sport", "main", "spare", "idle");
                assertThat(channels.get(0).path("started").asBoolean()).isTrue();
                assertThat(channels.get(1).path("started").asBoolean()).isFalse();
                assertThat(channels.get(0).path("outputs").get(1).path("enabled").asBoolean()).isFalse();
                assertThat(channels.get(0).path("outputs").get(0).path("url").asText())
                        .isEqualTo(maskedUrl)
                        .contains("passphrase=***");
                awaitStreaming(again, receiver, bytesAtStop);
            }
        }
    }

    @Test
    void aCrashedInstancesChildrenAndFifosAreCleanedUpAtTheNextStart() throws Exception {
        Path data = work.resolve("data");
        Path staleFifo = data.resolve("run/old/out/stream.ts");
        Files.createDirectories(staleFifo.getParent());
        new ProcessBuilder("mkfifo", staleFifo.toString()).start().waitFor();
        ProcessBuilder orphanBuilder = new ProcessBuilder("setsid", "sleep", "600");
        Map<String, String> env = orphanBuilder.environment();
        env.put("MEDIALIVE_DISTRIBUTOR_DATA", data.toAbsolutePath().normalize().toString());
        Process orphan = orphanBuilder.start();
        Files.createDirectories(data.resolve("run/pids"));
        Files.writeString(data.resolve("run/pids/" + orphan.pid()), "left by a crashed instance");
        Process unrelated = new ProcessBuilder("sleep", "600").start();
        Files.writeString(data.resolve("run/pids/" + unrelated.pid()), "a recycled pid");
        try (DistributorServer server = new DistributorServer(data, "crash-cleanup").start()) {
            await("orphan stopped").atMost(Duration.ofSeconds(10)).until(() -> !orphan.isAlive());
            assertThat(unrelated.isAlive()).as("a process without our marker is left alone").isTrue();
            assertThat(staleFifo).doesNotExist();
            assertThat(ChildProcesses.of(data)).isEmpty();
        } finally {
            unrelated.destroyForcibly();
            orphan.destroyForcibly();
        }
    }

    private static void awaitStreaming(Api api, SrtReceiver receiver, long beyond) {
        await("channel receiving and output running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonNode channel = api.ok("/api/channels/sport");
                    return channel.path("status").path("state").asText().equals("receiving")
                            && channel.path("outputs").get(0).path("status").path("state").asText().equals("running");
                });
        await("SRT receiver getting the stream").atMost(Duration.ofSeconds(30))
                .until(() -> receiver.bytesReceived() > beyond + 2 * TestStream.BITRATE / 8);
    }
}
