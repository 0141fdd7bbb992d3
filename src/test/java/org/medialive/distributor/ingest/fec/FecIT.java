package org.medialive.distributor.ingest.fec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.LossyUdpProxy;
import org.medialive.distributor.support.LossyUdpProxy.DropRule;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;

/**
 * Issue 25: FFmpeg's prompeg (L = 5, D = 10) through a lossy proxy into a channel with
 * {@code "fec": true}. The SRT output is compared, datagram by datagram, with the RTP payloads the
 * proxy received from FFmpeg. Drops start after the first {@link #WARM_UP} media packets (the
 * first FEC packets tell the matrix size) and end {@link #QUIET_TAIL_MILLIS} before the stream does,
 * so everything they touched has left the output before the comparison.
 */
class FecIT {

    private static final int SECONDS = 10;
    private static final int WARM_UP = 150;
    private static final long QUIET_TAIL_MILLIS = 3000;

    @TempDir
    Path work;

    @Test
    void ffmpegFecThroughALossyLinkIsRepairedOrCountedExactly() throws Exception {
        Path stream = TestStream.plain(SECONDS);
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "fec").start()) {
            Api api = server.api();
            Random random = new Random(25);
            // (a) 1 % random media packets
            Result a = run(api, stream, "random", media(n -> random.nextInt(100) == 0), DropRule.NONE, DropRule.NONE);
            a.assertRepaired();
            // (b) bursts of up to L = 5 consecutive packets, one every third matrix
            Result b = run(api, stream, "bursts", media(n -> n % 150 >= 20 && n % 150 < 20 + 1 + (n / 150) % 5), DropRule.NONE, DropRule.NONE);
            b.assertRepaired();
            // (c) 1 % random media, and every 9th column and every 11th row FEC packet
            Random random2 = new Random(2025);
            Result c = run(api, stream, "fec-drops", media(n -> random2.nextInt(100) == 0), n -> n % 9 == 4, n -> n % 11 == 6);
            c.assertRepaired();
            assertThat(c.proxy.dropped(1) + c.proxy.dropped(2)).as("FEC packets dropped").isPositive();
            // (d) bursts of 12 (more than two rows of a 5 x 10 matrix) and 1 % random
            Random random3 = new Random(7);
            Result d = run(api, stream, "too-much", media(n -> n % 200 >= 60 && n % 200 < 72 || random3.nextInt(100) == 0),
                    DropRule.NONE, DropRule.NONE);
            assertThat(d.status.path("rtpLost").asLong()).as("unrecoverable").isPositive();
            assertThat(d.missing).as("datagrams missing from the output").isEqualTo(d.status.path("rtpLost").asLong());
            assertThat(d.status.path("fec").path("recovered").asLong() + d.missing).isEqualTo(d.proxy.dropped(0));
            assertThat(server.errorsInLog()).isEmpty();
        }
    }

    /**
     * Each input its own FEC: a channel whose primary (FEC on, silent) fails over to a backup fed
     * by FFmpeg's FEC through the lossy proxy. The backup's own counters show the repairs (API
     * and Prometheus, tagged input="backup"), and the output is what FFmpeg sent.
     */
    @Test
    void theBackupInputRepairsWithItsOwnFec() throws Exception {
        Path stream = TestStream.plain(SECONDS);
        int primary = Ports.freeUdpWithFec();
        int backup = Ports.freeUdpWithFec();
        int srtPort = Ports.freeUdp();
        Random random = new Random(24);
        try (DistributorServer server = new DistributorServer(work.resolve("data-backup"), "fec-backup").start();
             SrtReceiver out = SrtReceiver.listen(srtPort, work.resolve("backup.ts"), "");
             LossyUdpProxy proxy = new LossyUdpProxy(backup, media(n -> random.nextInt(100) == 0), DropRule.NONE, DropRule.NONE)) {
            Api api = server.api();
            assertThat(api.post("/api/channels", "{\"id\":\"pair\",\"input\":{\"port\":" + primary + ",\"fec\":true},"
                    + "\"backupInput\":{\"port\":" + backup + ",\"sourceAddress\":\"127.0.0.1\",\"fec\":true},"
                    + "\"failover\":{\"after\":\"300ms\",\"revert\":\"manual\"},\"started\":true}").status()).isEqualTo(201);
            assertThat(api.post("/api/channels/pair/outputs", "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + srtPort + "?mode=caller&latency=1000\"}").status())
                    .isEqualTo(201);
            await("output running").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/pair/outputs/srt").path("status").path("state").asText().equals("running"));
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-i", stream.toString(),
                    "-c", "copy", "-f", "rtp_mpegts", "-fec", "prompeg=l=5:d=10", "rtp://127.0.0.1:" + proxy.port())
                    .redirectErrorStream(true).redirectOutput(work.resolve("backup-ffmpeg.log").toFile()).start();
            try {
                assertThat(ffmpeg.waitFor(SECONDS + 20, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
            } finally {
                ffmpeg.destroyForcibly();
            }
            await("the backup quiet, what it held delivered").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/pair").path("inputs").path("backup").path("state").asText().equals("waiting"));
            JsonNode channel = api.ok("/api/channels/pair");
            assertThat(channel.path("failover").path("activeInput").asText()).isEqualTo("backup");
            JsonNode backupStatus = channel.path("inputs").path("backup");
            Result result = Result.compare(proxy.media(), out.received(), proxy, backupStatus);
            result.assertRepaired();
            assertThat(channel.path("inputs").path("primary").path("fec").path("columnPackets").asLong())
                    .as("the primary's own FEC, fed by nobody").isZero();
            String scrape = api.get("/actuator/prometheus").body();
            assertThat(scrape).containsPattern("(?m)^distributor_input_fec_recovered_total\\{(?=[^}]*channel=\"pair\")(?=[^}]*input=\"backup\")[^}]*\\} "
                    + proxy.dropped(0) + "\\.0$");
            assertThat(server.errorsInLog()).isEmpty();
        }
    }

    /** Drops media packets by {@code rule} once the warm-up is over; the proxy's clock stops drops before the tail. */
    private DropRule media(DropRule rule) {
        long[] start = {0};
        return n -> {
            if (n == 0) {
                start[0] = System.nanoTime();
            }
            boolean inTail = System.nanoTime() - start[0] > TimeUnit.SECONDS.toNanos(SECONDS) - TimeUnit.MILLISECONDS.toNanos(QUIET_TAIL_MILLIS);
            return n >= WARM_UP && !inTail && rule.drop(n);
        };
    }

    private Result run(Api api, Path stream, String id, DropRule mediaRule, DropRule columns, DropRule rows) throws Exception {
        int port = Ports.freeUdpWithFec();
        int srtPort = Ports.freeUdp();
        try (SrtReceiver out = SrtReceiver.listen(srtPort, work.resolve(id + ".ts"), "");
             LossyUdpProxy proxy = new LossyUdpProxy(port, mediaRule, columns, rows)) {
            assertThat(api.post("/api/channels", "{\"id\":\"" + id + "\",\"input\":{\"port\":" + port
                    + ",\"sourceAddress\":\"127.0.0.1\",\"fec\":true},\"started\":true}").status()).isEqualTo(201);
            assertThat(api.post("/api/channels/" + id + "/outputs", "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + srtPort + "?mode=caller&latency=1000\"}").status())
                    .isEqualTo(201);
            await(id + " output running").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/" + id + "/outputs/srt").path("status").path("state").asText().equals("running"));
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-i", stream.toString(),
                    "-c", "copy", "-f", "rtp_mpegts", "-fec", "prompeg=l=5:d=10", "rtp://127.0.0.1:" + proxy.port())
                    .redirectErrorStream(true).redirectOutput(work.resolve(id + "-ffmpeg.log").toFile()).start();
            try {
                assertThat(ffmpeg.waitFor(SECONDS + 20, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
            } finally {
                ffmpeg.destroyForcibly();
            }
            List<byte[]> sent = proxy.media();
            await(id + " counted every datagram").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/" + id).path("status").path("datagrams").asLong() >= proxy.received(0) - proxy.dropped(0));
            // held packets leave when the input goes quiet
            await(id + " quiet").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/" + id).path("status").path("state").asText().equals("waiting"));
            byte[] received = out.received();
            JsonNode status = api.ok("/api/channels/" + id).path("status");
            System.out.printf("%s: media %d (dropped %d), column FEC %d (dropped %d), row FEC %d (dropped %d); status fec %s, rtpLost %d%n",
                    id, proxy.received(0), proxy.dropped(0), proxy.received(1), proxy.dropped(1), proxy.received(2), proxy.dropped(2),
                    status.path("fec"), status.path("rtpLost").asLong());
            Result result = Result.compare(sent, received, proxy, status);
            assertThat(api.delete("/api/channels/" + id).status()).isEqualTo(204);
            return result;
        }
    }

    private record Result(LossyUdpProxy proxy, JsonNode status, long missing, int comparedDatagrams) {

        /**
         * Walks the sent datagrams along the output: each is either next in the output or missing
         * from it; anything else is a difference. The output may start a few datagrams late (the
         * SRT connection) and ends where srt-live-transmit still holds its last chunk.
         */
        static Result compare(List<byte[]> sent, byte[] output, LossyUdpProxy proxy, JsonNode status) {
            int first = 0;
            while (first < 50 && !matches(sent.get(first), output, 0)) {
                first++;
            }
            assertThat(first).as("the output starts with one of the first datagrams").isLessThan(50);
            int position = 0;
            long missing = 0;
            int i = first;
            for (; i < sent.size() && position < output.length; i++) {
                if (matches(sent.get(i), output, position)) {
                    position += payloadLength(sent.get(i));
                    continue;
                }
                if (output.length - position < payloadLength(sent.get(i))
                        && Arrays.equals(sent.get(i), 12, 12 + output.length - position, output, position, output.length)) {
                    position = output.length; // the relay's last chunk: cut, not different
                    i++;
                    break;
                }
                int skip = 1;
                while (skip < 64 && i + skip < sent.size() && !matches(sent.get(i + skip), output, position)) {
                    skip++;
                }
                assertThat(skip).as("output differs from what FFmpeg sent at output byte %d (datagram %d)", position, i).isLessThan(64);
                missing += skip;
                i += skip - 1;
            }
            assertThat(position).as("the whole output is made of the datagrams sent").isEqualTo(output.length);
            assertThat(sent.size() - i).as("datagrams not yet out (the relay's last chunk)").isLessThan(100);
            return new Result(proxy, status, missing, i - first);
        }

        void assertRepaired() {
            assertThat(proxy.dropped(0)).as("media packets dropped").isPositive();
            assertThat(missing).as("datagrams missing from the output").isZero();
            assertThat(status.path("rtpLost").asLong()).as("unrecoverable").isZero();
            assertThat(status.path("fec").path("recovered").asLong()).as("recovered").isEqualTo(proxy.dropped(0));
            assertThat(status.path("fec").path("columns").asInt()).isEqualTo(5);
            assertThat(status.path("fec").path("rows").asInt()).isEqualTo(10);
        }

        private static boolean matches(byte[] datagram, byte[] output, int at) {
            int length = payloadLength(datagram);
            return at + length <= output.length
                    && Arrays.equals(datagram, 12, datagram.length, output, at, at + length);
        }

        private static int payloadLength(byte[] datagram) {
            return datagram.length - 12;
        }
    }
}
