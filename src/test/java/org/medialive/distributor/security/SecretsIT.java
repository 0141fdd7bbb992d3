package org.medialive.distributor.security;

import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.RtmpServer;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An SRT passphrase and an RTMP stream key, set on running outputs (one of them failing, so
 * errors are reported too), must not appear anywhere but the owner-only data file.
 */
class SecretsIT {

    private static final String PASSPHRASE = "pass-7d1e9c4b2a";
    private static final String STREAM_KEY = "key-55c0ffee77";
    private static final String REFUSED_KEY = "key-refused-9911";

    @TempDir
    Path work;

    @Test
    void secretsNeverLeaveTheDataFile() throws Exception {
        Path data = work.resolve("data");
        int input = Ports.freeUdp();
        int srtPort = Ports.freeUdp();
        List<String> wsMessages = new CopyOnWriteArrayList<>();
        try (RtmpServer nginx = RtmpServer.start(work.resolve("nginx"));
             DistributorServer server = new DistributorServer(data, "secrets").start();
             SrtReceiver receiver = SrtReceiver.listen(srtPort, work.resolve("rx.ts"), "&passphrase=" + PASSPHRASE);
             RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 1)
                     .start(new FileInputStream(TestStream.withCues(30).toFile()))) {
            Api api = server.api();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + DistributorServer.ADMIN_PASSWORD).getBytes()))
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
                            wsMessages.add(text.toString());
                            ws.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            api.post("/api/channels", "{\"id\":\"secret\",\"input\":{\"port\":" + input + "},\"started\":true}");
            api.post("/api/channels/secret/outputs", "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + srtPort + "?passphrase=" + PASSPHRASE + "\"}");
            api.post("/api/channels/secret/outputs", "{\"id\":\"rtmp\",\"url\":\"rtmp://127.0.0.1:" + nginx.port() + "/live/" + STREAM_KEY + "\"}");
            api.post("/api/channels/secret/outputs", "{\"id\":\"refused\",\"url\":\"rtmp://127.0.0.1:" + Ports.freeTcp() + "/live/" + REFUSED_KEY + "\"}");
            await("outputs up and one failing").atMost(Duration.ofSeconds(30)).until(() -> {
                String body = api.get("/api/channels/secret").body();
                return body.contains("\"connected\":true") && body.contains("\"frames\"") && body.contains("Connection refused");
            });
            // an edit that keeps the secret through its mask
            assertThat(api.put("/api/channels/secret/outputs/srt", "{\"url\":\"srt://127.0.0.1:" + srtPort + "?passphrase=***&latency=300\"}").status()).isEqualTo(200);
            await("srt running again").atMost(Duration.ofSeconds(20)).until(() ->
                    api.ok("/api/channels/secret/outputs/srt").path("status").path("state").asText().equals("running"));

            StringBuilder everything = new StringBuilder();
            for (String path : List.of("/api/channels", "/api/stats", "/api/channels/secret", "/api/channels/secret/outputs",
                    "/api/channels/secret/stats", "/api/audit", "/api/openapi.json", "/actuator/prometheus", "/actuator/health")) {
                everything.append(api.get(path).body());
            }
            socket.abort();
            everything.append(String.join("\n", wsMessages));
            everything.append(server.logText());
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (!file.getFileName().toString().startsWith("distributor.json")) {
                        everything.append(Files.readString(file));
                    }
                }
            }
            assertThat(wsMessages).isNotEmpty();
            assertThat(everything.toString()).contains("passphrase=***").contains("/live/***")
                    .doesNotContain(PASSPHRASE).doesNotContain(STREAM_KEY).doesNotContain(REFUSED_KEY);
            Path file = data.resolve("distributor.json");
            assertThat(Files.readString(file)).contains(PASSPHRASE).contains(STREAM_KEY);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("distributor.json.last-good")))).isEqualTo("rw-------");
            assertThat(receiver.bytesReceived()).as("the passphrase still works after the masked edit").isPositive();
        }
    }
}
