package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.RtpDatagrams;
import org.medialive.distributor.support.TestStream;

/**
 * TR 101 290 through the real server: the H.264/AAC test stream over RTP with the transport
 * error bit set on 5 null packets and the sync bytes of 2 consecutive packets broken. The channel
 * status counts exactly those, Prometheus shows the same per indicator, health turns DEGRADED for
 * the priority 1 error, and the PIDs show audio frames arriving and the video frame rate. Every
 * metric the alert rules use (but issue 24's failover ones) is one the server exposes.
 */
class Tr101290IT {

    private static final int NULL_PID = 0x1FFF;

    @TempDir
    Path work;

    @Test
    void injectedFaultsShowAsTheirIndicatorsInTheApiPrometheusAndHealth() throws Exception {
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "tr101290").start()) {
            Api api = server.api();
            int port = Ports.freeUdp();
            assertThat(api.post("/api/channels", "{\"id\":\"tr\",\"input\":{\"port\":" + port + ",\"sourceAddress\":[\"127.0.0.0/8\"]},\"started\":true}").status())
                    .isEqualTo(201);
            // a disabled output is enough for its meters to be listed (the alert rules use them)
            assertThat(api.post("/api/channels/tr/outputs", "{\"id\":\"spare\",\"url\":\"srt://127.0.0.1:" + Ports.freeUdp() + "\",\"enabled\":false}").status())
                    .isEqualTo(201);

            List<byte[]> datagrams = RtpDatagrams.of(TestStream.bytes(TestStream.plain(40)), Integer.MAX_VALUE);
            int transportErrors = setTransportErrorOnNullPackets(datagrams, 2000, 5);
            breakTwoSyncBytes(datagrams.get(2500));
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    RtpDatagrams.send(datagrams, port);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });

            await("the faults counted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> count(api, "ts_sync_loss") == 1);
            assertThat(count(api, "transport_error")).isEqualTo(transportErrors);
            assertThat(count(api, "sync_byte_error")).isEqualTo(2);
            JsonNode indicator = indicator(api, "ts_sync_loss");
            assertThat(indicator.path("priority").asInt()).isEqualTo(1);
            assertThat(indicator.path("clause").asText()).isEqualTo("1.1");
            assertThat(indicator.path("lastAt").asText()).isNotEmpty();

            await("health DEGRADED for the priority 1 error").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/actuator/health/channels/tr").json().path("status").asText().equals("DEGRADED"));
            assertThat(api.get("/actuator/health/channels/tr").json().path("details").path("tr101290Priority1").toString())
                    .contains("ts_sync_loss").contains("sync_byte_error");

            await("Prometheus shows each indicator").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                    .failFast("the scrape lacks the indicators", () -> !api.get("/actuator/prometheus").body().contains("tr101290"))
                    .until(() -> metric(api, "transport_error", "2") == transportErrors && metric(api, "ts_sync_loss", "1") == 1
                            && metric(api, "sync_byte_error", "1") == 2);
            // measured on the stream's own clocks, so a loaded test machine cannot raise them
            assertThat(metric(api, "pcr_discontinuity_indicator_error", "2")).isZero();
            assertThat(count(api, "crc_error")).isZero();

            JsonNode activity = api.ok("/api/channels/tr").path("stream").path("activityByPid");
            assertThat(activity.path("481").path("kind").asText()).isEqualTo("video");
            assertThat(activity.path("481").path("frameRate").asDouble()).isEqualTo(25.0);
            assertThat(activity.path("482").path("kind").asText()).isEqualTo("audio");
            assertThat(activity.path("482").path("carriesFrames").asBoolean()).isTrue();

            assertThat(metricNamesOf(api)).containsAll(alertMetrics());
            sending.join();
        }
    }

    @Test
    void aBadIntervalStopsStartUpWithAReason() {
        try (DistributorServer server = new DistributorServer(work.resolve("bad"), "tr101290-bad",
                "--distributor.ingest.tr101290.pcr-jump=10ms")) {
            assertThat(server.startExpectingFailure()).isNotZero();
            assertThat(server.logText()).contains("the PCR jump limit must not be below the PCR interval");
        }
    }

    /** Sets transport_error_indicator on {@code count} null packets from datagram {@code from} on. */
    private static int setTransportErrorOnNullPackets(List<byte[]> datagrams, int from, int count) {
        int set = 0;
        for (int i = from; set < count; i++) {
            byte[] d = datagrams.get(i);
            for (int at = 12; at < d.length && set < count; at += 188) {
                if ((((d[at + 1] & 0x1F) << 8) | (d[at + 2] & 0xFF)) == NULL_PID) {
                    d[at + 1] |= (byte) 0x80;
                    set++;
                }
            }
        }
        return set;
    }

    private static void breakTwoSyncBytes(byte[] datagram) {
        datagram[12 + 3 * 188] = 0x00;
        datagram[12 + 4 * 188] = 0x00;
    }

    private static JsonNode indicator(Api api, String name) {
        for (JsonNode i : api.ok("/api/channels/tr").path("stream").path("tr101290")) {
            if (i.path("indicator").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no indicator " + name);
    }

    private static long count(Api api, String name) {
        return indicator(api, name).path("count").asLong();
    }

    private static double metric(Api api, String indicator, String priority) {
        Matcher value = Pattern.compile("(?m)^distributor_channel_tr101290_errors_total\\{(?=[^}]*channel=\"tr\")(?=[^}]*indicator=\""
                + indicator + "\")(?=[^}]*priority=\"" + priority + "\")[^}]*\\} (\\S+)$").matcher(api.get("/actuator/prometheus").body());
        return value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
    }

    private static Set<String> metricNamesOf(Api api) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(distributor_[a-z0-9_]+)\\{").matcher(api.get("/actuator/prometheus").body());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The distributor_* metrics alerts.yml uses, but those of issue 24 (input failover), built elsewhere. */
    private static Set<String> alertMetrics() throws java.io.IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("distributor_[a-z0-9_]+").matcher(Files.readString(Path.of("packaging/prometheus/alerts.yml")));
        while (m.find()) {
            names.add(m.group());
        }
        names.removeAll(Set.of("distributor_channel_active_input", "distributor_channel_failovers_total"));
        assertThat(names).hasSizeGreaterThan(5);
        return names;
    }
}
