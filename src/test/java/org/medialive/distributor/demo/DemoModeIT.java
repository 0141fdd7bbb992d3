package org.medialive.distributor.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ChildProcesses;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code --demo} on the packaged server, with its default cue interval (30 s): live data within
 * a minute, and no process left behind, whether the server is stopped or killed.
 */
class DemoModeIT {

    @TempDir
    Path work;

    @Test
    void demoStreamsWithCuesWithinAMinuteAndNoProcessOutlivesTheServer() {
        Path data = work.resolve("data");
        String[] demo = {"--demo", "--distributor.demo.input-port=" + Ports.freeUdp(),
                "--distributor.demo.srt-port=" + Ports.freeUdp()};

        DistributorServer first = new DistributorServer(data, "demo-1", demo).start();
        try {
            Api api = first.api();
            awaitOnAir(api);
            JsonNode output = api.ok("/api/channels/demo/outputs/demo-srt");
            assertThat(output.path("url").asText()).startsWith("srt://127.0.0.1:").endsWith("passphrase=***");
            ChildProcesses.find(data, "ffmpeg");
            ChildProcesses.find(data, "mode=listener");

            JsonNode cues = await("a SCTE-35 cue from the test source").atMost(Duration.ofSeconds(50))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api.ok("/api/channels/demo/cues"), list -> list.size() > 0);
            assertThat(cues.get(0).path("command").asText()).isEqualTo("splice_insert");
            assertThat(cues.get(0).path("pid").asInt()).isEqualTo(500);
            assertThat(cues.get(0).path("crcValid").asBoolean()).isTrue();
            await("the cue forwarded by the SRT output").atMost(Duration.ofSeconds(10)).until(() ->
                    api.ok("/api/channels/demo/outputs/demo-srt").path("status").path("cues").path("forwarded").asLong() >= 1);

            // a crash: nothing gets the chance to stop its children
            first.kill();
            await("every child gone after SIGKILL of the server").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(250)).until(() -> ChildProcesses.of(data).isEmpty());
        } finally {
            first.close();
        }

        try (DistributorServer second = new DistributorServer(data, "demo-2", demo).start()) {
            Api api = second.api();
            awaitOnAir(api);
            JsonNode channels = api.ok("/api/channels");
            assertThat(channels.size()).as("the demo channel is reused, not made twice").isEqualTo(1);
            assertThat(channels.get(0).path("outputs").size()).isEqualTo(1);

            assertThat(second.stop()).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(ChildProcesses.of(data)).as("children left after SIGTERM").isEmpty();
            assertThat(second.errorsInLog()).isEmpty();
        }
    }

    private static void awaitOnAir(Api api) {
        await("demo channel receiving, its SRT output running").atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    Api.Response channel = api.get("/api/channels/demo");
                    return channel.status() == 200
                            && channel.json().path("status").path("state").asText().equals("receiving")
                            && channel.json().path("outputs").path(0).path("status").path("state").asText().equals("running");
                });
    }
}
