package org.medialive.distributor.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as a newcomer runs it (no Docker engine here to run it): passwords
 * required, the data kept in a volume, the monitoring services on loopback only.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");

    @Test
    void theServerNeedsItsAdminPasswordAndKeepsItsDataInAVolume() throws IOException {
        Map<String, Object> server = service("distributor");
        assertThat(map(server, "environment").get("DISTRIBUTOR_ADMIN_PASSWORD").toString())
                .startsWith("${DISTRIBUTOR_ADMIN_PASSWORD:?");
        assertThat(list(server, "volumes")).contains("distributor-data:/var/lib/medialive-distributor");
        assertThat(map(compose(), "volumes")).containsKey("distributor-data");
    }

    @Test
    void prometheusAndGrafanaListenOnLoopbackOnly() throws IOException {
        assertThat(list(service("prometheus"), "command")).contains("--web.listen-address=127.0.0.1:9090");
        Map<String, Object> grafana = map(service("grafana"), "environment");
        assertThat(grafana).containsEntry("GF_SERVER_HTTP_ADDR", "127.0.0.1")
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD", "${GRAFANA_ADMIN_PASSWORD:-}");
    }

    @Test
    void prometheusLoadsTheAlertRulesNextToItsConfig() throws IOException {
        assertThat(list(service("prometheus"), "volumes"))
                .contains("./packaging/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        Map<String, Object> config = new Yaml().load(Files.readString(Path.of("packaging/prometheus/prometheus.yml")));
        assertThat(list(config, "rule_files")).containsExactly("alerts.yml");
    }

    @Test
    void onlyTheMonitoringProfileAsksForGrafanasPassword() throws IOException {
        // Compose interpolates every service, active profile or not: a ${...:?} in Grafana's
        // settings would make the plain `docker compose up -d` demand Grafana's password too
        for (String monitoring : List.of("prometheus", "grafana")) {
            assertThat(service(monitoring).toString()).as(monitoring).doesNotContain(":?").doesNotContain("?}");
        }
        List<String> entrypoint = list(service("grafana"), "entrypoint");
        assertThat(grafanaStarts(entrypoint, null)).isFalse();
        assertThat(grafanaStarts(entrypoint, "")).isFalse();
        assertThat(grafanaStarts(entrypoint, "admin")).isFalse();
        assertThat(grafanaStarts(entrypoint, "a-long-grafana-password")).isTrue();
    }

    /** Runs Grafana's entrypoint as Compose would pass it ($$ is a literal $), Grafana's /run.sh replaced by echo. */
    private static boolean grafanaStarts(List<String> entrypoint, String password) {
        List<String> command = new ArrayList<>();
        for (String word : entrypoint) {
            command.add(word.replace("$$", "$").replace("exec /run.sh", "echo grafana-started"));
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().remove("GF_SECURITY_ADMIN_PASSWORD");
            if (password != null) {
                builder.environment().put("GF_SECURITY_ADMIN_PASSWORD", password);
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            boolean started = process.exitValue() == 0 && output.contains("grafana-started");
            if (!started) {
                assertThat(output).contains("set GRAFANA_ADMIN_PASSWORD");
            }
            return started;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(COMPOSE)) {
            return new Yaml().load(in);
        }
    }

    private static Map<String, Object> service(String name) throws IOException {
        return map(map(compose(), "services"), name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> parent, String key) {
        return (List<String>) parent.get(key);
    }
}
