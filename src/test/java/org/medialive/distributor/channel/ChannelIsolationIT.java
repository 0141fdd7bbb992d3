package org.medialive.distributor.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ChildProcesses;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A channel whose stop waits for a hung process (issue 28: no channel's stop or kill may delay
 * another channel or the API): while it waits, another channel is created, started, changed,
 * stopped and deleted, and the API reads on.
 */
class ChannelIsolationIT {

    private static final Duration GRACE = Duration.ofSeconds(8);

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api api;
    static Path data;

    @BeforeAll
    static void start() throws IOException {
        data = work.resolve("data");
        server = new DistributorServer(data, "channel-isolation", "--distributor.output.stop-grace=" + GRACE.toSeconds() + "s")
                .withEnvironment("PATH", stubbornRelayFirst() + ":" + System.getenv("PATH")).start();
        api = server.api();
    }

    /**
     * A srt-live-transmit that will not go when told: the real one relays as its child, and the
     * wrapper ignores SIGTERM (and SIGCONT is no use against it), so only the SIGKILL after the
     * grace period ends it, as with a relay hung in the kernel.
     */
    private static Path stubbornRelayFirst() throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path relay = bin.resolve("srt-live-transmit");
        Files.writeString(relay, """
                #!/bin/sh
                trap '' TERM
                /usr/bin/srt-live-transmit "$@"
                while :; do sleep 0.2; done
                """);
        Files.setPosixFilePermissions(relay, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aStopWaitingForAHungProcessHoldsUpNoOtherChannel() throws Exception {
        int srtPort = Ports.freeUdp();
        try (SrtReceiver receiver = SrtReceiver.listen(srtPort, work.resolve("hung.ts"), "")) {
            assertThat(api.post("/api/channels", "{\"id\":\"hung\",\"input\":{\"port\":" + Ports.freeUdp()
                    + ",\"sourceAddress\":\"127.0.0.1\"},\"started\":true}").status()).isEqualTo(201);
            assertThat(api.post("/api/channels/hung/outputs",
                    "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + srtPort + "?mode=caller&latency=120\"}").status()).isEqualTo(201);
            await("output running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/hung/outputs/srt").path("status").path("state").asText(), "running"::equals);
            assertThat(ChildProcesses.supervised(data)).as("the wrapper and the relay it runs").hasSize(2);

            long began = System.nanoTime();
            CompletableFuture<Api.Response> hungStop = CompletableFuture.supplyAsync(() -> api.post("/api/channels/hung/stop"));
            await("the hung channel's stop under way").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> api.ok("/api/channels/hung").path("status").path("state").asText(), "stopped"::equals);

            int otherPort = Ports.freeUdp();
            assertAnswered(api.post("/api/channels", "{\"id\":\"other\",\"input\":{\"port\":" + otherPort
                    + ",\"sourceAddress\":\"127.0.0.1\"},\"started\":true}"), 201);
            assertAnswered(api.put("/api/channels/other", "{\"name\":\"Other\",\"input\":{\"port\":" + otherPort
                    + ",\"sourceAddress\":\"127.0.0.1\"}}"), 200);
            assertAnswered(api.post("/api/channels/other/stop"), 200);
            assertAnswered(api.get("/api/channels"), 200);
            assertAnswered(api.delete("/api/channels/other"), 204);
            assertThat(hungStop).as("the hung channel's stop still waits for its process").isNotDone();
            assertThat(System.nanoTime() - began).as("all of that while the hung stop waited").isLessThan(GRACE.toNanos());

            Api.Response stopped = hungStop.get();
            assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
            assertThat(System.nanoTime() - began).as("the hung relay went only with the SIGKILL after the grace period")
                    .isGreaterThanOrEqualTo(GRACE.toNanos());
            assertThat(ChildProcesses.of(data)).as("no process left").isEmpty();
            assertThat(api.delete("/api/channels/hung").status()).isEqualTo(204);
        }
    }

    private static void assertAnswered(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
    }
}
