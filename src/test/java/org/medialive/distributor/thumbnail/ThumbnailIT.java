package org.medialive.distributor.thumbnail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ChildProcesses;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thumbnails end to end: the packaged server receives the H.264 test stream (640x360) over RTP and
 * serves a JPEG of the configured width at the source's aspect ratio, renewed after the configured
 * interval, revalidated by ETag; a viewer may read it; without signal it answers 404 "no-signal".
 * Meanwhile the process table is watched: every thumbnail ffmpeg is gone within the decode's time.
 */
class ThumbnailIT {

    private static final int WIDTH = 256;
    private static final Duration EVERY = Duration.ofSeconds(4);
    private static final Duration TIME_LIMIT = Duration.ofSeconds(5);
    /** Keyframes of the test stream come every 2 s: a picture is of a keyframe up to that old. */
    private static final Duration GOP = Duration.ofSeconds(2);

    @TempDir
    Path work;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPictureOfTheConfiguredWidthRenewedEveryIntervalWithNoDecoderLeftRunning() throws Exception {
        Path stream = TestStream.plain(60);
        Path data = work.resolve("data");
        int input = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(data, "thumbnails",
                "--distributor.thumbnails.every=" + EVERY.toSeconds() + "s", "--distributor.thumbnails.width=" + WIDTH,
                "--distributor.thumbnails.time-limit=" + TIME_LIMIT.toSeconds() + "s").start();
             DecoderWatch decoders = new DecoderWatch(data)) {
            Api api = server.api();
            assertThat(api.post("/api/channels", "{\"id\":\"news\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);
            assertThat(api.post("/api/users", "{\"username\":\"watcher\",\"password\":\"watcher-password-1\",\"role\":\"viewer\"}").status()).isEqualTo(201);
            Api.Response before = api.get("/api/channels/news/thumbnail");
            assertThat(before.status()).isEqualTo(404);
            assertThat(before.json().path("reason").asText()).isEqualTo("no-signal");
            assertThat(before.error()).contains("no signal");

            try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0x7b)
                    .start(new FileInputStream(stream.toFile()))) {
                HttpResponse<byte[]> first = awaitPicture(server, null);
                assertThat(first.headers().firstValue("Content-Type")).hasValue("image/jpeg");
                assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("must-revalidate");
                BufferedImage picture = ImageIO.read(new ByteArrayInputStream(first.body()));
                assertThat(picture.getWidth()).as("the configured width").isEqualTo(WIDTH);
                assertThat(picture.getHeight()).as("640x360 is 16:9").isEqualTo(WIDTH * 9 / 16);
                String etag = first.headers().firstValue("ETag").orElseThrow();

                HttpResponse<byte[]> unchanged = get(server, "admin", DistributorServer.ADMIN_PASSWORD, etag);
                assertThat(unchanged.statusCode()).as("If-None-Match with the current ETag").isIn(304, 200);
                if (unchanged.statusCode() == 304) {
                    assertThat(unchanged.body()).isEmpty();
                } // else a new picture came in between: then the next one must revalidate
                HttpResponse<byte[]> second = awaitPicture(server, etag);
                assertThat(ImageIO.read(new ByteArrayInputStream(second.body())).getWidth()).isEqualTo(WIDTH);
                Duration between = Duration.between(lastModified(first), lastModified(second));
                assertThat(between).as("the second picture's keyframe is one interval later, less a GOP")
                        .isGreaterThanOrEqualTo(EVERY.minus(GOP).minusSeconds(1));
                String secondTag = second.headers().firstValue("ETag").orElseThrow();
                assertThat(get(server, "admin", DistributorServer.ADMIN_PASSWORD, secondTag).statusCode()).isIn(304, 200);
                assertThat(get(server, "watcher", "watcher-password-1", null).statusCode()).as("a viewer may look").isEqualTo(200);
                awaitPicture(server, secondTag);
            }
            await("no signal: the picture goes").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "no-signal".equals(api.get("/api/channels/news/thumbnail").json().path("reason").asText()));
            assertThat(api.get("/api/channels/nope/thumbnail").status()).isEqualTo(404);

            assertThat(decoders.seen()).as("thumbnail ffmpegs seen in the process table").isNotEmpty();
            assertThat(decoders.longestLife()).as("the longest a thumbnail ffmpeg was seen alive")
                    .isLessThanOrEqualTo(TIME_LIMIT.plusSeconds(1));
            assertThat(decoders.runningNow()).as("no ffmpeg left once the channel has no signal").isEmpty();
            assertThat(server.errorsInLog()).isEmpty();
        }
    }

    private HttpResponse<byte[]> awaitPicture(DistributorServer server, String otherThan) {
        Map<String, HttpResponse<byte[]>> found = new ConcurrentHashMap<>();
        await("a picture" + (otherThan == null ? "" : " other than " + otherThan)).atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    HttpResponse<byte[]> response = get(server, "admin", DistributorServer.ADMIN_PASSWORD, otherThan);
                    if (response.statusCode() == 200) {
                        found.put("it", response);
                        return true;
                    }
                    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isIn(304, 404);
                    return false;
                });
        return found.get("it");
    }

    private HttpResponse<byte[]> get(DistributorServer server, String user, String password, String ifNoneMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/channels/news/thumbnail"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static ZonedDateTime lastModified(HttpResponse<?> response) {
        return ZonedDateTime.parse(response.headers().firstValue("Last-Modified").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    /** Samples the server's children every few milliseconds and remembers how long each thumbnail ffmpeg lived. */
    private static final class DecoderWatch implements AutoCloseable {

        private final Path data;
        private final Map<Long, Long> firstSeenNanos = new ConcurrentHashMap<>();
        private final Map<Long, Long> lastSeenNanos = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sampler;

        DecoderWatch(Path data) {
            this.data = data;
            sampler = new Thread(() -> {
                while (running.get()) {
                    long now = System.nanoTime();
                    for (long pid : runningNow()) {
                        firstSeenNanos.putIfAbsent(pid, now);
                        lastSeenNanos.put(pid, now);
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "decoder-watch");
            sampler.start();
        }

        java.util.List<Long> runningNow() {
            return ChildProcesses.of(data).stream().filter(pid -> {
                try {
                    return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).contains("mjpeg");
                } catch (IOException gone) {
                    return false;
                }
            }).toList();
        }

        java.util.Set<Long> seen() {
            return firstSeenNanos.keySet();
        }

        Duration longestLife() {
            return firstSeenNanos.entrySet().stream()
                    .map(e -> Duration.ofNanos(lastSeenNanos.get(e.getKey()) - e.getValue()))
                    .max(Duration::compareTo).orElse(Duration.ZERO);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            sampler.join();
        }
    }
}
