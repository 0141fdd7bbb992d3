package org.medialive.distributor.control;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A failure of ours is answered "internal error" with a reference; the details are in the log under it, not in the answer. */
class InternalErrorIT {

    @TempDir
    Path work;

    @Test
    void aFailureAnswersAReferenceThatIsInTheLog() throws Exception {
        Path data = work.resolve("data");
        try (DistributorServer server = new DistributorServer(data, "internal-error").start()) {
            // tokens.json cannot be replaced while a non-empty directory stands in its place: saving a token fails
            Files.createDirectories(data.resolve("tokens.json").resolve("in-the-way"));
            Api.Response failed = server.api().post("/api/tokens", "{\"name\":\"ci\",\"role\":\"viewer\"}");

            assertThat(failed.status()).isEqualTo(500);
            String reference = failed.json().path("reference").asText();
            assertThat(reference).matches("[0-9a-f]{12}");
            assertThat(failed.error()).startsWith("internal error").contains(reference);
            assertThat(failed.body()).doesNotContain("tokens.json").doesNotContain(data.toString())
                    .doesNotContain("Exception").doesNotContain("could not save");
            await("the reference logged with the details").until(() -> server.logText().lines()
                    .anyMatch(line -> line.contains(reference) && line.contains("POST")));
            assertThat(server.logText()).contains("could not save");
        }
    }
}
