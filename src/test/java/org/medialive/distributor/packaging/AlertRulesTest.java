package org.medialive.distributor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * packaging/prometheus/alerts.yml as Prometheus reads it: promtool (Debian's prometheus package)
 * checks the rules and the config that loads them, and runs alerts.test.yml, where each alert
 * fires on its fault and stays quiet on the look-alikes. Any promtool failure fails the test.
 */
class AlertRulesTest {

    private static final Path DIR = Path.of("packaging/prometheus");

    @Test
    void theRulesAreValid() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS");
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void prometheusYmlLoadsTheRules() throws Exception {
        assertThat(promtool("check", "config", "prometheus.yml")).contains("1 rule files found");
    }

    @Test
    void everyAlertIsUnitTested() throws IOException {
        String tests = Files.readString(DIR.resolve("alerts.test.yml"));
        for (String alert : alertNames()) {
            assertThat(tests).as("alerts.test.yml tests " + alert).contains("alertname: " + alert + "\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertNames() throws IOException {
        Map<String, Object> rules = new Yaml().load(Files.readString(DIR.resolve("alerts.yml")));
        return ((List<Map<String, Object>>) rules.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .map(rule -> (String) rule.get("alert"))
                .toList();
    }

    private static String promtool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
