package org.medialive.distributor.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.demo.Scte35Injector;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ChildProcesses;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing outside the data path can stall it (issue 28): a dashboard that never reads while
 * cues arrive every second, and an output process that stops reading its FIFO.
 */
class DataPathIT {

    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + DistributorServer.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static final int WALL = 20;
    /** Below the ephemeral range that Ports hands out, so no test stream collides with them (never bound: stopped). */
    private static final int WALL_PORTS = 2000;

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api api;
    static Path data;

    @BeforeAll
    static void start() {
        data = work.resolve("data");
        server = new DistributorServer(data, "data-path",
                "--distributor.websocket.send-time-limit=2s", "--distributor.websocket.pong-timeout=5s", "--distributor.limits.channels=" + (WALL + 10),
                "--distributor.output.stall-timeout=3s").start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** {@link TestStream#plain} with a splice_insert every second. */
    private static Path cueEverySecond(int seconds) throws IOException {
        Path file = work.resolve("cues-every-second.ts");
        Scte35Injector injector = new Scte35Injector(new Scte35Injector.Settings(TestStream.SCTE35_PID,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30), 1000));
        try (InputStream in = Files.newInputStream(TestStream.plain(seconds)); OutputStream out = Files.newOutputStream(file)) {
            injector.copy(in, out);
        }
        return file;
    }

    private static void createChannel(String channel, int input, int... outputPorts) {
        assertThat(api.post("/api/channels", "{\"id\":\"" + channel + "\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);
        for (int i = 0; i < outputPorts.length; i++) {
            String id = Character.toString('a' + i);
            assertThat(api.post("/api/channels/" + channel + "/outputs", "{\"id\":\"" + id + "\",\"url\":\"srt://127.0.0.1:" + outputPorts[i] + "\"}").status()).isEqualTo(201);
            awaitState(channel, id, "running");
        }
    }

    private static JsonNode status(String channel, String output) {
        return api.ok("/api/channels/" + channel + "/outputs/" + output).path("status");
    }

    private static void awaitState(String channel, String output, String state) {
        await(channel + "/" + output + " " + state).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(channel, output).path("state").asText(), state::equals);
    }

    private static double metric(String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(api.get("/actuator/prometheus").body());
        if (!m.find()) {
            throw new AssertionError(name + " not in the scrape");
        }
        return Double.parseDouble(m.group(2));
    }

    /** Byte-identical to the sent stream from where it starts, no continuity error. */
    private static void assertByteExact(byte[] sent, SrtReceiver receiver, String name) {
        byte[] received = receiver.received();
        received = Arrays.copyOf(received, received.length - received.length % 188);
        TsCapture.contiguousRunOffset(sent, received);
        assertThat(TsCapture.ccErrors(received)).as(name + " CC errors").isZero();
    }

    @Test
    void aDashboardThatNeverReadsSlowsNeitherTheOutputsNorTheOtherDashboard() throws Exception {
        Path stream = cueEverySecond(40);
        byte[] sent = TestStream.bytes(stream);
        int input = Ports.freeUdp();
        int[] ports = {Ports.freeUdp(), Ports.freeUdp()};
        double droppedBefore = metric("distributor_websocket_dropped_total");
        // A wall's worth of channels (stopped: listed, not received), so that each second's snapshot
        // is kilobytes as on a real server.
        for (int i = 0; i < WALL; i++) {
            assertThat(api.post("/api/channels", "{\"id\":\"wall-" + i + "\",\"input\":{\"port\":" + (WALL_PORTS + i) + "}}")
                    .status()).isEqualTo(201);
        }
        try (SrtReceiver a = SrtReceiver.listen(ports[0], work.resolve("ws-a.ts"), "");
             SrtReceiver b = SrtReceiver.listen(ports[1], work.resolve("ws-b.ts"), "")) {
            createChannel("ws", input, ports);
            List<Long> snapshotTimes = new CopyOnWriteArrayList<>();
            List<String> cueEvents = new CopyOnWriteArrayList<>();
            WebSocket good = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", BASIC)
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), new Collector(snapshotTimes, cueEvents))
                    .get(10, TimeUnit.SECONDS);
            // one whose socket soon fills (a send blocks), one whose loopback buffers take megabytes
            try (NeverReadingClient stuck = NeverReadingClient.connect(server.port(), true);
                 NeverReadingClient buffered = NeverReadingClient.connect(server.port(), false);
                 RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 5)
                         .start(new FileInputStream(stream.toFile()))) {
                List<long[]> progress = new ArrayList<>(); // time, bytes received by a, by b
                long droppedAt = 0;
                while (!pacer.isFinished()) {
                    progress.add(new long[] {System.nanoTime(), a.bytesReceived(), b.bytesReceived()});
                    if (droppedAt == 0 && metric("distributor_websocket_dropped_total") >= droppedBefore + 2) {
                        droppedAt = System.nanoTime();
                    }
                    Thread.sleep(100);
                }
                // Neither answers the pings (one a second), so each is dropped after the pong timeout
                // (5 s) at the latest, whether or not a send to it has blocked (the small-buffered one's
                // sends block within seconds; with loopback's buffers, no send blocked within 160 s).
                System.out.println(droppedAt == 0 ? "a never-reading client still connected at the end of the stream"
                        : String.format("both never-reading clients dropped %.1f s after the stream started", (droppedAt - progress.get(0)[0]) / 1e9));
                assertThat(droppedAt).as("the never-reading dashboards were dropped and counted while the stream ran").isNotZero();
                assertThat(metric("distributor_websocket_dropped_total") - droppedBefore)
                        .as("the reading dashboard (it answers pings) was not dropped").isEqualTo(2.0);
                for (int output = 1; output <= 2; output++) {
                    assertThat(longestStall(progress, output)).as("output " + output + " never stopped receiving for 1 s")
                            .isLessThan(TimeUnit.SECONDS.toNanos(1));
                }
            } finally {
                good.abort();
            }
            await("the whole stream relayed").atMost(Duration.ofSeconds(10))
                    .until(() -> a.bytesReceived() >= sent.length - 188 * 7 * 10 && b.bytesReceived() >= sent.length - 188 * 7 * 10);
            assertByteExact(sent, a, "a");
            assertByteExact(sent, b, "b");
            assertThat(status("ws", "a").path("restarts").asInt()).isZero();
            assertThat(status("ws", "b").path("restarts").asInt()).isZero();
            assertThat(status("ws", "a").path("drops").asLong()).isZero();
            assertThat(api.ok("/api/channels/ws/cues").size()).as("a cue every second was decoded").isGreaterThanOrEqualTo(20);
            assertThat(cueEvents).as("the reading dashboard got the cue events").hasSizeGreaterThanOrEqualTo(20);
            long longestGap = 0;
            for (int i = 1; i < snapshotTimes.size(); i++) {
                longestGap = Math.max(longestGap, snapshotTimes.get(i) - snapshotTimes.get(i - 1));
            }
            assertThat(longestGap).as("the reading dashboard's snapshots kept coming every second").isLessThan(TimeUnit.MILLISECONDS.toNanos(2500));
            assertThat(metric("distributor_events_dropped_total")).isZero();
            assertThat(api.delete("/api/channels/ws").status()).isEqualTo(204);
        } finally {
            for (int i = 0; i < WALL; i++) {
                api.delete("/api/channels/wall-" + i);
            }
        }
    }

    @Test
    void anOutputWhoseProcessStopsReadingIsRestartedAndTheOtherIsUntouched() throws Exception {
        Path stream = TestStream.plain(60);
        byte[] sent = TestStream.bytes(stream);
        int input = Ports.freeUdp();
        int[] ports = {Ports.freeUdp(), Ports.freeUdp()};
        try (SrtReceiver a = SrtReceiver.listen(ports[0], work.resolve("stop-a.ts"), "");
             SrtReceiver b = SrtReceiver.listen(ports[1], work.resolve("stop-b.ts"), "")) {
            createChannel("stop", input, ports);
            try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 6)
                    .start(new FileInputStream(stream.toFile()))) {
                await("b receiving").atMost(Duration.ofSeconds(20)).until(() -> b.bytesReceived() > 500_000);
                long stopped = ChildProcesses.find(data, "127.0.0.1:" + ports[1] + "?");
                ChildProcesses.signal(stopped, "STOP");
                try {
                    await("b restarted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                            .until(() -> status("stop", "b").path("restarts").asInt() >= 1);
                } finally {
                    ChildProcesses.signal(stopped, "CONT"); // harmless if it is gone; a stopped orphan otherwise
                }
                assertThat(status("stop", "b").path("lastError").asText()).contains("stopped reading");
                awaitState("stop", "b", "running");
                long bNow = b.bytesReceived();
                await("b receiving again").atMost(Duration.ofSeconds(30)).until(() -> b.bytesReceived() > bNow + 500_000);
                assertThat(status("stop", "a").path("restarts").asInt()).as("a untouched").isZero();
                assertThat(status("stop", "a").path("drops").asLong()).isZero();
            }
            assertByteExact(sent, a, "a");
            assertThat(api.delete("/api/channels/stop").status()).isEqualTo(204);
        }
    }

    private static long longestStall(List<long[]> progress, int column) {
        long longest = 0;
        long since = progress.isEmpty() ? 0 : progress.get(0)[0];
        for (int i = 1; i < progress.size(); i++) {
            if (progress.get(i)[column] > progress.get(i - 1)[column]) {
                since = progress.get(i)[0];
            } else {
                longest = Math.max(longest, progress.get(i)[0] - since);
            }
        }
        return longest;
    }

    /**
     * A dashboard that completes the WebSocket handshake, then never reads a byte (so it answers
     * no ping either). It is a Perl process (perl-base is part of every Debian) because Java
     * cannot set TCP_MAXSEG: with 536-byte segments and a small receive buffer the server's sends
     * to it may also block, as over a real network, so both ways of being dropped are exercised.
     */
    private static final class NeverReadingClient implements AutoCloseable {
        private static final String SCRIPT = String.join("\n",
                "use strict; use Socket qw(PF_INET SOCK_STREAM IPPROTO_TCP TCP_MAXSEG SOL_SOCKET SO_RCVBUF inet_aton sockaddr_in);",
                "$| = 1; my ($port, $auth, $small) = @ARGV;",
                "socket(my $s, PF_INET, SOCK_STREAM, 0) or die \"socket: $!\";",
                "if ($small) { setsockopt($s, IPPROTO_TCP, TCP_MAXSEG, 536) or die \"maxseg: $!\";",
                "  setsockopt($s, SOL_SOCKET, SO_RCVBUF, 2048) or die \"rcvbuf: $!\"; }",
                "connect($s, sockaddr_in($port, inet_aton('127.0.0.1'))) or die \"connect: $!\";",
                "syswrite($s, \"GET /ws HTTP/1.1\\r\\nHost: 127.0.0.1:$port\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n\"",
                "  . \"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\nAuthorization: $auth\\r\\n\\r\\n\");",
                "my $head = ''; while ($head !~ /\\r\\n\\r\\n/) { sysread($s, my $c, 1) or die \"closed: $head\"; $head .= $c; }",
                "print(($head =~ m{^HTTP/1.1 101}) ? \"upgraded\\n\" : \"refused\\n\");",
                "my $go = <STDIN>;", // never reads the socket until the test asks
                "my $closed = 0; eval { local $SIG{ALRM} = sub { die \"timeout\\n\" }; alarm 10;",
                "  while (1) { my $n = sysread($s, my $buf, 65536); if (!defined $n || $n == 0) { $closed = 1; last; } } alarm 0; };",
                "print($closed ? \"closed\\n\" : \"open\\n\");");

        private final Process process;
        private final java.io.BufferedReader out;

        private NeverReadingClient(Process process) {
            this.process = process;
            this.out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        }

        /** @param smallBuffers a small MSS and receive buffer, so that sends to it soon block */
        static NeverReadingClient connect(int port, boolean smallBuffers) throws IOException {
            Process process = new ProcessBuilder("perl", "-e", SCRIPT, Integer.toString(port), BASIC, smallBuffers ? "1" : "")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            NeverReadingClient client = new NeverReadingClient(process);
            assertThat(client.out.readLine()).as("WebSocket handshake").isEqualTo("upgraded");
            return client;
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Collector implements WebSocket.Listener {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final List<Long> snapshotTimes;
        private final List<String> cueEvents;
        private final StringBuilder parts = new StringBuilder();

        Collector(List<Long> snapshotTimes, List<String> cueEvents) {
            this.snapshotTimes = snapshotTimes;
            this.cueEvents = cueEvents;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
            parts.append(text);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(parts.toString());
                    if ("snapshot".equals(message.path("type").asText())) {
                        snapshotTimes.add(System.nanoTime());
                    } else if ("cue".equals(message.path("type").asText())) {
                        cueEvents.add(parts.toString());
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                parts.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
