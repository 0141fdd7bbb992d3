package org.medialive.distributor.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SpliceInsertFields;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What operators and monitoring see: cue log, per-output cue proof, Prometheus, health, WebSocket. */
class MonitoringIT {

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = new DistributorServer(work.resolve("data"), "monitoring").start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyCueIsLoggedExactlyAndForwardedByEverySrtOutputAndMetricsAgree() throws Exception {
        Path ts = TestStream.withCues(20);
        List<SpliceInsertFields> sent = TsCapture.sections(TestStream.bytes(ts), TestStream.SCTE35_PID).stream()
                .map(SpliceInsertFields::of).toList();
        assertThat(sent).hasSizeGreaterThanOrEqualTo(4);
        int input = Ports.freeUdp();
        int[] ports = {Ports.freeUdp(), Ports.freeUdp()};
        try (SrtReceiver a = SrtReceiver.listen(ports[0], work.resolve("a.ts"), "");
             SrtReceiver b = SrtReceiver.listen(ports[1], work.resolve("b.ts"), "")) {
            api.post("/api/channels", "{\"id\":\"cues\",\"input\":{\"port\":" + input + "},\"started\":true}");
            for (int i = 0; i < 2; i++) {
                api.post("/api/channels/cues/outputs", "{\"id\":\"srt" + i + "\",\"url\":\"srt://127.0.0.1:" + ports[i] + "\"}");
                int n = i;
                await().atMost(Duration.ofSeconds(20)).until(() -> api.ok("/api/channels/cues/outputs/srt" + n)
                        .path("status").path("state").asText().equals("running"));
            }
            try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 9)
                    .start(new FileInputStream(ts.toFile()))) {
                await("whole stream sent").atMost(Duration.ofSeconds(40)).until(pacer::isFinished);
            }
            await("all cues decoded").atMost(Duration.ofSeconds(10))
                    .until(() -> api.ok("/api/channels/cues/cues").size() == sent.size());
            JsonNode log = api.ok("/api/channels/cues/cues");
            for (int i = 0; i < sent.size(); i++) {
                JsonNode cue = log.get(i);
                assertThat(cue.path("command").asText()).isEqualTo("splice_insert");
                assertThat(cue.path("eventId").asLong()).isEqualTo(sent.get(i).eventId());
                assertThat(cue.path("pts").asLong()).isEqualTo(sent.get(i).pts());
                assertThat(cue.path("breakDuration").asLong()).isEqualTo(sent.get(i).breakDuration()).isEqualTo(30 * 90_000L);
                assertThat(cue.path("outOfNetwork").asBoolean()).isTrue();
                assertThat(cue.path("crcValid").asBoolean()).isTrue();
            }
            for (String output : List.of("srt0", "srt1")) {
                await(output + " forwarded every cue").atMost(Duration.ofSeconds(10)).until(() ->
                        api.ok("/api/channels/cues/outputs/" + output).path("status").path("cues").path("forwarded").asLong() == sent.size());
                JsonNode cues = api.ok("/api/channels/cues/outputs/" + output).path("status").path("cues");
                assertThat(cues.path("seen").asLong()).isEqualTo(sent.size());
                assertThat(cues.path("missing").asLong()).isZero();
            }

            JsonNode channel = api.ok("/api/channels/cues");
            await("metrics snapshot caught up").atMost(Duration.ofSeconds(5)).until(() ->
                    metric("distributor_channel_packets_total", "channel=\"cues\"") == channel.path("status").path("packets").asDouble());
            assertThat(metric("distributor_channel_scte35_cues_total", "channel=\"cues\"")).isEqualTo(sent.size());
            assertThat(metric("distributor_channel_cc_errors_total", "channel=\"cues\"")).isZero();
            JsonNode srt0 = api.ok("/api/channels/cues/outputs/srt0").path("status");
            assertThat(metric("distributor_output_bytes_total", "channel=\"cues\",output=\"srt0\",protocol=\"srt\""))
                    .isEqualTo(srt0.path("bytes").asDouble()).isPositive();
            assertThat(metric("distributor_output_scte35_forwarded", "channel=\"cues\",output=\"srt1\",protocol=\"srt\"")).isEqualTo(sent.size());
            assertThat(metric("distributor_output_running", "channel=\"cues\",output=\"srt0\",protocol=\"srt\"")).isEqualTo(1.0);
            String scrape = api.get("/actuator/prometheus").body();
            // Camel route metrics for the output and API routes; the ingest routes bypass exchanges (docs/PERFORMANCE.md)
            assertThat(scrape).contains("camel_exchanges_total").contains("routeId=\"output-cues.srt0\"").contains("routeId=\"api-get-channel\"");
            // requests are timed as a whole; Spring Security's per-filter observations are off (application.yaml)
            assertThat(scrape).contains("http_server_requests_seconds_count").doesNotContain("spring_security_");
            Matcher used = Pattern.compile("distributor_[a-z0-9_]+").matcher(
                    java.nio.file.Files.readString(Path.of("packaging/grafana/medialive-distributor.json")));
            while (used.find()) {
                assertThat(scrape).as("the Grafana dashboard's " + used.group()).contains(used.group() + "{");
            }
        }
    }

    @Test
    void healthIsDownForAStartedChannelWithoutSignalAndUpOnceItArrives() throws Exception {
        int input = Ports.freeUdp();
        api.post("/api/channels", "{\"id\":\"silent\",\"input\":{\"port\":" + input + "},\"started\":true}");
        await("health DOWN").atMost(Duration.ofSeconds(10)).until(() -> api.get("/actuator/health/channels/silent").json()
                .path("status").asText().equals("DOWN"));
        assertThat(api.get("/actuator/health").status()).isEqualTo(503);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 5)
                .start(new FileInputStream(TestStream.plain(60).toFile()))) {
            await("health UP").atMost(Duration.ofSeconds(10)).until(() -> api.get("/actuator/health/channels/silent").json()
                    .path("status").asText().equals("UP"));
        }
        assertThat(api.delete("/api/channels/silent").status()).isEqualTo(204);
    }

    @Test
    void aWebSocketClientGetsTheSnapshotAndAStateChangeWithinTwoSeconds() throws Exception {
        api.post("/api/channels", "{\"id\":\"ws\",\"input\":{\"port\":" + Ports.freeUdp() + "},\"started\":true}");
        int sink = Ports.freeUdp();
        try (SrtReceiver receiver = SrtReceiver.listen(sink, work.resolve("ws.ts"), "&passphrase=ws-secret-passphrase")) {
            api.post("/api/channels/ws/outputs", "{\"id\":\"out\",\"url\":\"srt://127.0.0.1:" + sink + "?passphrase=ws-secret-passphrase\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> api.ok("/api/channels/ws/outputs/out").path("status").path("state").asText().equals("running"));
            BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString(("admin:" + DistributorServer.ADMIN_PASSWORD).getBytes()))
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), new Collector(messages)).get(10, TimeUnit.SECONDS);
            JsonNode first = new ObjectMapper().readTree(messages.poll(10, TimeUnit.SECONDS));
            assertThat(first.path("type").asText()).isEqualTo("snapshot");
            assertThat(first.path("channels").findValuesAsText("id")).contains("ws", "out");
            long stoppedAt = System.nanoTime();
            assertThat(api.post("/api/channels/ws/outputs/out/stop").status()).isEqualTo(200);
            JsonNode event = null;
            while (System.nanoTime() - stoppedAt < 2_000_000_000L) {
                String text = messages.poll(2_000_000_000L - (System.nanoTime() - stoppedAt), TimeUnit.NANOSECONDS);
                if (text == null) {
                    break;
                }
                assertThat(text).doesNotContain("ws-secret-passphrase");
                JsonNode message = new ObjectMapper().readTree(text);
                if (message.path("type").asText().equals("output-state") && message.path("to").asText().equals("stopped")) {
                    event = message;
                    break;
                }
            }
            assertThat(event).as("output-state event within 2 s").isNotNull();
            assertThat(event.path("channel").asText()).isEqualTo("ws");
            assertThat(event.path("output").asText()).isEqualTo("out");
            socket.abort();
        }
    }

    private static double metric(String name, String labels) {
        String text = api.get("/actuator/prometheus").body();
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(labels) + "[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            throw new AssertionError(name + "{" + labels + "} not in the scrape");
        }
        return Double.parseDouble(m.group(1));
    }

    /** Collects whole text messages. */
    private record Collector(BlockingQueue<String> messages) implements WebSocket.Listener {
        private static final StringBuilder PARTIAL = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            PARTIAL.append(data);
            if (last) {
                messages.add(PARTIAL.toString());
                PARTIAL.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
