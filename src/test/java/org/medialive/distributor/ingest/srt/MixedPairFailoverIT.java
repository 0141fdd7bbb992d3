package org.medialive.distributor.ingest.srt;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ChildProcesses;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.SrtSender;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issues 24 and 29 together: a channel whose primary input is SRT (MediaLive calls our listener,
 * encrypted) and whose backup is RTP. The SRT sender stops: the outputs move to the RTP backup;
 * it calls again: they return by themselves (revert auto). The output keeps its process throughout.
 */
class MixedPairFailoverIT {

    private static final String CHANNEL = "mixed";
    private static final String PASSPHRASE = "mixed-pair-secret-2924";

    @TempDir
    Path work;
    private Api api;

    @Test
    void anSrtPrimaryFailsOverToAnRtpBackupAndBack() throws Exception {
        Path stream = TestStream.plain(120);
        int srtIn = Ports.freeUdp();
        int rtpIn = Ports.freeUdp();
        int out = Ports.freeUdp();
        String senderUrl = "srt://127.0.0.1:" + srtIn + "?mode=caller&latency=200&passphrase=" + PASSPHRASE;
        Path data = work.resolve("data");
        try (DistributorServer server = new DistributorServer(data, "mixed-pair").start();
             SrtReceiver receiver = SrtReceiver.listen(out, work.resolve("out.ts"), "")) {
            api = server.api();
            Api.Response created = api.post("/api/channels", "{\"id\":\"" + CHANNEL + "\",\"input\":{\"srt\":\"srt://:" + srtIn
                    + "?mode=listener&latency=200&passphrase=" + PASSPHRASE + "\"},\"backupInput\":{\"port\":" + rtpIn
                    + ",\"sourceAddress\":\"127.0.0.1\"},\"failover\":{\"after\":\"300ms\",\"revert\":\"auto\",\"revertAfter\":\"3s\"},"
                    + "\"started\":true}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Api.Response output = api.post("/api/channels/" + CHANNEL + "/outputs",
                    "{\"id\":\"out\",\"url\":\"srt://127.0.0.1:" + out + "?mode=caller&latency=200\"}");
            assertThat(output.status()).as(output.body()).isEqualTo(201);

            try (RtpPacer backup = new RtpPacer(new InetSocketAddress("127.0.0.1", rtpIn), TestStream.BITRATE, 0xB)) {
                long outputPid;
                // the primary first: a backup sending alone for longer than "after" would rightly take over
                try (SrtSender first = SrtSender.start(stream, senderUrl, TestStream.BITRATE, work.resolve("sender-1.log"))) {
                    await("the SRT primary fit").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> fit("primary"));
                    backup.start(new FileInputStream(stream.toFile()));
                    await("both inputs fit, output flowing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                            .until(() -> fit("primary") && fit("backup") && receiver.bytesReceived() > 200_000);
                    assertThat(channel().path("failover").path("activeInput").asText()).isEqualTo("primary");
                    outputPid = ChildProcesses.find(data, "127.0.0.1:" + out);
                }

                // the SRT sender has gone: the RTP backup carries the channel
                JsonNode failover = awaitActive("backup", 1);
                assertThat(failover.path("lastSwitch").path("reason").asText()).contains("primary input");
                long onBackup = receiver.bytesReceived();
                await("output fed by the backup").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> receiver.bytesReceived() > onBackup + 200_000);

                // it calls again: back on the primary after revertAfter, by itself
                try (SrtSender second = SrtSender.start(stream, senderUrl, TestStream.BITRATE, work.resolve("sender-2.log"))) {
                    failover = awaitActive("primary", 2);
                    assertThat(failover.path("lastSwitch").path("reason").asText()).contains("automatic return");
                    long onPrimary = receiver.bytesReceived();
                    await("output fed by the primary again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                            .until(() -> receiver.bytesReceived() > onPrimary + 200_000);
                }
                assertThat(ChildProcesses.find(data, "127.0.0.1:" + out)).as("output process (pid) unchanged").isEqualTo(outputPid);
                assertThat(channel().path("outputs").get(0).path("status").path("restarts").asLong()).isZero();
            }
            assertThat(api.get("/api/channels/" + CHANNEL).body()).doesNotContain(PASSPHRASE);
            assertThat(server.logText()).doesNotContain(PASSPHRASE);
        }
    }

    private JsonNode channel() {
        return api.ok("/api/channels/" + CHANNEL);
    }

    private boolean fit(String input) {
        JsonNode status = channel().path("inputs").path(input);
        return status.path("state").asText().equals("receiving") && status.path("problem").isMissingNode();
    }

    /** Waits for the channel's {@code switches}th switch and checks it landed on {@code input}. */
    private JsonNode awaitActive(String input, int switches) {
        await("on the " + input + " input after switch " + switches).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> channel().path("failover").path("switches").asLong() >= switches);
        JsonNode failover = channel().path("failover");
        assertThat(failover.path("switches").asLong()).as("switches").isEqualTo(switches);
        assertThat(failover.path("activeInput").asText()).isEqualTo(input);
        return failover;
    }
}
