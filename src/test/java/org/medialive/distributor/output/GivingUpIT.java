package org.medialive.distributor.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With a restart limit, an output that keeps failing ends "failed", until an operator restarts it. */
class GivingUpIT {

    @TempDir
    Path work;

    @Test
    void anOutputGivesUpAfterTheLimitAndTheRestartActionRetriesIt() {
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "giving-up",
                "--distributor.output.max-restarts=2", "--distributor.output.restart-delay=200ms").start()) {
            Api api = server.api();
            api.post("/api/channels", "{\"id\":\"c\",\"input\":{\"port\":" + Ports.freeUdp() + "},\"started\":true}");
            api.post("/api/channels/c/outputs", "{\"id\":\"nowhere\",\"url\":\"srt://127.0.0.1:" + Ports.freeUdp() + "\"}");
            await("failed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> state(api), "failed"::equals);
            JsonNode status = api.ok("/api/channels/c/outputs/nowhere").path("status");
            assertThat(status.path("restarts").asInt()).isEqualTo(3);
            assertThat(status.path("lastError").asText()).contains("SRT call to 127.0.0.1");
            await("health shows it").atMost(Duration.ofSeconds(5))
                    .until(() -> api.get("/actuator/health/channels/c").body().contains("\"nowhere\":\"failed\""));
            assertThat(server.logText()).contains("gave up after 2 restarts");

            assertThat(api.post("/api/channels/c/outputs/nowhere/restart").status()).isEqualTo(200);
            await("trying again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !state(api).equals("failed"));
        }
    }

    private static String state(Api api) {
        return api.ok("/api/channels/c/outputs/nowhere").path("status").path("state").asText();
    }
}
