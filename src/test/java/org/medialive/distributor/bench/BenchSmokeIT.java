package org.medialive.distributor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code ./distributor bench} working: the whole harness, small (2 channels, one SRT and one
 * RTMP output each, a few seconds per design, both alternatives). It checks that the reports are
 * written and hold plausible facts; it asserts nothing about speed (CI machines vary).
 */
class BenchSmokeIT {

    @Test
    void runsEveryDesignAndWritesBothReports() throws Exception {
        Path out = Path.of("target", "bench-smoke");
        BenchOptions options = BenchOptions.parse(new String[] {"--channels", "2", "--outputs", "srt:1,rtmp:1",
                "--mbps", "4", "--seconds", "4", "--warmup", "2", "--alternatives", "a,b", "--alt-seconds", "3",
                "--latency-seconds", "2", "--out", out.toString()});

        BenchReport report = new Bench(options).quickStart().run();

        assertThat(out.resolve("report.md")).exists();
        String markdown = Files.readString(out.resolve("report.md"));
        assertThat(markdown).contains("| **CPU, total** |", "| **ours / this design: CPU, memory** |", "## Targets",
                "| SRT receivers byte-exact | 2 of 2 |", "| dashboard feed (/ws): gap between snapshots");
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.path("designs")).hasSize(3);
        assertThat(json.path("machine").path("cores").asInt()).isPositive();

        JsonNode ours = json.path("designs").path(0);
        assertThat(ours.path("design").asText()).isEqualTo("ours");
        assertThat(ours.path("jvm").path("cpuPercent").isNumber()).isTrue();
        assertThat(ours.path("jvm").path("peakRssKb").asLong()).isPositive();
        assertThat(ours.path("children").path("processes").asInt()).as("srt-live-transmit and ffmpeg").isEqualTo(4);
        assertThat(ours.path("heap").path("samples").asInt()).isPositive();
        JsonNode traffic = ours.path("traffic");
        assertThat(traffic.path("datagramsReceived").asLong()).isPositive()
                .isLessThanOrEqualTo(traffic.path("datagramsSent").asLong());
        assertThat(traffic.path("queueDrops").isNumber()).as("drops are counted").isTrue();
        assertThat(traffic.path("inputCcErrors").isNumber()).isTrue();
        JsonNode deliveries = ours.path("deliveries");
        assertThat(deliveries.path("srtBytes").asLong()).isPositive();
        assertThat(deliveries.path("srtByteExact").asInt()).isEqualTo(2);
        assertThat(deliveries.path("rtmpBytes").asLong()).isPositive();
        assertThat(ours.path("api").path("/api/stats").path("samples").asInt()).isPositive();
        JsonNode feed = ours.path("api").path("/ws snapshots");
        assertThat(feed.path("samples").asInt()).as("snapshots from the dashboard feed").isPositive();
        assertThat(feed.path("failures").asInt()).as("dashboard feed connection lost").isZero();
        if (LatencyProbe.available()) {
            assertThat(ours.path("latency").path("samples").asLong()).as("SRT packets timed").isPositive();
        }

        for (int i = 1; i <= 2; i++) {
            JsonNode alternative = json.path("designs").path(i);
            assertThat(alternative.path("design").asText()).isEqualTo(i == 1 ? "a" : "b");
            assertThat(alternative.path("children").path("processes").asInt()).isEqualTo(i == 1 ? 4 : 2);
            assertThat(alternative.path("totalCpuPercent").asDouble()).isPositive();
            assertThat(alternative.path("traffic").path("datagramsSent").asLong()).isPositive();
            assertThat(json.path("ratios").path(alternative.path("design").asText()).path("cpu").asDouble()).isPositive();
        }
        assertThat(report.targets()).extracting(BenchReport.Target::name).contains("queue drops", "JVM CPU",
                "added latency p99", "total CPU vs design (a)");
    }

    /** The other inputs: FEC packets the server really used, an SRT input whose output is byte-exact, a switch measured. */
    @Test
    void measuresFecAndSrtInputs() throws Exception {
        for (String input : java.util.List.of("fec", "srt", "redundant")) {
            Path out = Path.of("target", "bench-smoke-" + input);
            new Bench(BenchOptions.parse(new String[] {"--channels", "1", "--outputs", "srt:1", "--mbps", "4", "--seconds", "3",
                    "--warmup", "1", "--latency-seconds", "0", "--input", input, "--out", out.toString()})).quickStart().run();
            JsonNode ours = new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("designs").path(0);
            if (input.equals("redundant")) {
                // the gap's datagrams reached only the silenced primary: the output is cut there, by design
                assertThat(ours.path("notes").toString()).containsPattern("switch \\(every primary silenced, failover after 300ms\\): 1 of 1 "
                        + "channels switched; outputs got nothing for p50 [0-9]+ ms");
                continue;
            }
            assertThat(ours.path("deliveries").path("srtByteExact").asInt()).as(input + ": SRT receiver byte-exact").isEqualTo(1);
            assertThat(ours.path("notes").toString()).as(input).contains("input: ");
            if (input.equals("fec")) {
                assertThat(ours.path("notes").toString()).containsPattern("FEC: [1-9][0-9]* column and [1-9][0-9]* row packets received, 0 refused");
            }
        }
        assertThat(Files.readString(Path.of("target", "bench-smoke-srt", "report.md"))).contains("input: SRT");
    }
}
