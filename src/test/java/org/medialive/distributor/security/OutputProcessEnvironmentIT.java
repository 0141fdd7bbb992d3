package org.medialive.distributor.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running output's process, as /proc shows it: its environment holds nothing of the server's
 * (the server runs with DISTRIBUTOR_ADMIN_PASSWORD set), while its command line does hold the
 * passphrase: that is what the process-visibility warning is about.
 */
class OutputProcessEnvironmentIT {

    private static final String PASSPHRASE = "child-secret-90210";

    @TempDir
    Path work;

    @Test
    void theChildGetsAMinimalEnvironment() throws Exception {
        Path data = work.resolve("data");
        try (DistributorServer server = new DistributorServer(data, "child-environment").start()) {
            Api api = server.api();
            assertThat(api.post("/api/channels", "{\"id\":\"env\",\"input\":{\"port\":" + Ports.freeUdp() + "},\"started\":true}").status()).isEqualTo(201);
            assertThat(api.post("/api/channels/env/outputs", "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + Ports.freeUdp()
                    + "?passphrase=" + PASSPHRASE + "\"}").status()).isEqualTo(201);
            String marker = "MEDIALIVE_DISTRIBUTOR_DATA=" + data.toAbsolutePath().normalize();
            long pid = await("the output's process").atMost(Duration.ofSeconds(30)).until(() -> childWith(marker), Optional::isPresent).get();

            List<String> environment = List.of(read(Path.of("/proc", Long.toString(pid), "environ")).split("\0"));
            assertThat(environment).contains(marker).noneMatch(v -> v.startsWith("DISTRIBUTOR_ADMIN_PASSWORD="))
                    .noneMatch(v -> v.contains(DistributorServer.ADMIN_PASSWORD));
            assertThat(environment).allMatch(v -> v.startsWith("PATH=") || v.startsWith("LANG=") || v.startsWith("LC_")
                    || v.startsWith("HOME=") || v.startsWith("TZ=") || v.startsWith("MEDIALIVE_DISTRIBUTOR_DATA="));
            assertThat(read(Path.of("/proc", Long.toString(pid), "cmdline")))
                    .as("argv is where srt-live-transmit takes its passphrase from").contains(PASSPHRASE);
            assertThat(api.delete("/api/channels/env").status()).isEqualTo(204);
            await("the output's process gone").atMost(Duration.ofSeconds(30)).until(() -> childWith(marker).isEmpty());
        }
    }

    private static Optional<Long> childWith(String marker) throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> List.of(read(p.resolve("environ")).split("\0")).contains(marker))
                    .filter(p -> read(p.resolve("cmdline")).startsWith("srt-live-transmit"))
                    .map(p -> Long.parseLong(p.getFileName().toString())).findFirst();
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException gone) {
            return "";
        }
    }
}
