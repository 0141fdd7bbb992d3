package org.medialive.distributor.ingest.srt;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ChildProcesses;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.TwoWayLossyUdpProxy;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.SrtSender;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SRT inputs end to end: an independent sender (srt-live-transmit pacing the test stream, as
 * MediaLive's SRT output group would send it) to a channel whose SRT output must deliver the
 * sent transport stream byte for byte, SCTE-35 included; listener and caller mode, encrypted.
 */
class SrtInputIT {

    private static final long BYTES_PER_SECOND = TestStream.BITRATE / 8;
    private static final String PASSPHRASE = "medialive-srt-secret-29";

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api api;
    static Path stream;

    @BeforeAll
    static void startServer() {
        server = new DistributorServer(work.resolve("data"), "srt-input").start();
        api = server.api();
        stream = TestStream.withCues(40);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void listenerModeRelaysByteExactAndNeverShowsThePassphrase() {
        int input = Ports.freeUdp();
        int output = Ports.freeUdp();
        try (SrtReceiver receiver = SrtReceiver.listen(output, work.resolve("listener.ts"), "")) {
            createChannel("srt-listener", "srt://:" + input + "?mode=listener&passphrase=" + PASSPHRASE + "&latency=200", output);
            awaitSrtState("srt-listener", "listening");
            try (SrtSender sender = SrtSender.start(stream, "srt://127.0.0.1:" + input + "?mode=caller&passphrase=" + PASSPHRASE
                    + "&latency=200", TestStream.BITRATE, work.resolve("sender-l.log"))) {
                awaitSrtState("srt-listener", "connected");
                awaitBytes(receiver, 8 * BYTES_PER_SECOND);
                assertThat(api.ok("/api/channels/srt-listener").path("status").path("srt").path("packetsReceived").asLong()).isPositive();
            }
            assertByteExactWithCues(receiver.received());
            JsonNode channel = api.ok("/api/channels/srt-listener");
            assertThat(channel.path("input").path("srt").asText()).contains("passphrase=***").doesNotContain(PASSPHRASE);
            assertThat(api.get("/api/channels").body()).doesNotContain(PASSPHRASE);
            assertThat(server.logText()).doesNotContain(PASSPHRASE);

            // an edit that leaves *** keeps the stored passphrase
            Api.Response edit = api.put("/api/channels/srt-listener", "{\"name\":\"renamed\",\"input\":{\"srt\":\"srt://:" + input
                    + "?mode=listener&passphrase=***&latency=200\"}}");
            assertThat(edit.status()).as(edit.body()).isEqualTo(200);
            // between runs (the sender left, so it waits out its back-off) there may be no process for a moment
            await("srt-live-transmit restarted with the stored passphrase").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ChildProcesses.of(work.resolve("data")).stream().map(SrtInputIT::cmdline)
                            .anyMatch(line -> line.contains("srt://:" + input) && line.contains("passphrase=" + PASSPHRASE)));

            assertThat(api.delete("/api/channels/srt-listener").status()).isEqualTo(204);
            await("srt-live-transmit of the deleted channel gone").atMost(Duration.ofSeconds(15))
                    .until(() -> ChildProcesses.of(work.resolve("data")).stream().noneMatch(p -> cmdline(p).contains("srt://:" + input)));
        }
    }

    @Test
    void callerModeCallsTheSendersListenerAndRelaysByteExact() {
        int senderPort = Ports.freeUdp();
        int output = Ports.freeUdp();
        try (SrtReceiver receiver = SrtReceiver.listen(output, work.resolve("caller.ts"), "");
             SrtSender sender = SrtSender.start(stream, "srt://:" + senderPort + "?mode=listener&passphrase=" + PASSPHRASE,
                     TestStream.BITRATE, work.resolve("sender-c.log"))) {
            createChannel("srt-caller", "srt://127.0.0.1:" + senderPort + "?mode=caller&passphrase=" + PASSPHRASE + "&latency=200", output);
            awaitSrtState("srt-caller", "connected");
            awaitBytes(receiver, 8 * BYTES_PER_SECOND);
            assertByteExactWithCues(receiver.received());
        } finally {
            api.delete("/api/channels/srt-caller");
        }
    }

    @Test
    void aWrongPassphraseIsRefusedAndShown() {
        int input = Ports.freeUdp();
        int senderPort = Ports.freeUdp();
        try (SrtSender wrong = SrtSender.start(stream, "srt://127.0.0.1:" + input + "?mode=caller&passphrase=not-the-right-one",
                TestStream.BITRATE, work.resolve("sender-w.log"));
             SrtSender wrongListener = SrtSender.start(stream, "srt://:" + senderPort + "?mode=listener&passphrase=not-the-right-one",
                     TestStream.BITRATE, work.resolve("sender-wl.log"))) {
            createChannel("srt-wrong", "srt://:" + input + "?mode=listener&passphrase=" + PASSPHRASE, 0);
            await("refused caller shown").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/srt-wrong").path("status").path("lastError").asText(), e -> e.contains("passphrase"));
            JsonNode status = api.ok("/api/channels/srt-wrong").path("status");
            assertThat(status.path("state").asText()).isEqualTo("waiting");
            assertThat(status.path("packets").asLong()).isZero();

            createChannel("srt-wrong-caller", "srt://127.0.0.1:" + senderPort + "?mode=caller&passphrase=" + PASSPHRASE, 0);
            await("refused call shown").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/srt-wrong-caller").path("status").path("lastError").asText(),
                            e -> e.contains("passphrase"));
        } finally {
            api.delete("/api/channels/srt-wrong");
            api.delete("/api/channels/srt-wrong-caller");
        }
    }

    @Test
    void aCallerNobodyAnswersAndAListenerNobodyCallsAreClearStates() {
        int nobody = Ports.freeUdp();
        int input = Ports.freeUdp();
        try {
            createChannel("srt-unanswered", "srt://127.0.0.1:" + nobody + "?mode=caller&passphrase=" + PASSPHRASE, 0);
            await("failed call shown").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/srt-unanswered").path("status").path("lastError").asText(),
                            e -> e.contains("no answer"));
            createChannel("srt-uncalled", "srt://:" + input + "?mode=listener&passphrase=" + PASSPHRASE, 0);
            awaitSrtState("srt-uncalled", "listening");
            assertThat(api.ok("/api/channels/srt-uncalled").path("status").path("srt").path("reason").asText())
                    .contains("waiting for MediaLive to call");
        } finally {
            api.delete("/api/channels/srt-unanswered");
            api.delete("/api/channels/srt-uncalled");
        }
    }

    @Test
    void theSenderRestartingIsSurvived() {
        int input = Ports.freeUdp();
        int output = Ports.freeUdp();
        String url = "srt://127.0.0.1:" + input + "?mode=caller&passphrase=" + PASSPHRASE;
        try (SrtReceiver receiver = SrtReceiver.listen(output, work.resolve("restart.ts"), "")) {
            createChannel("srt-restart", "srt://:" + input + "?mode=listener&passphrase=" + PASSPHRASE, output);
            awaitSrtState("srt-restart", "listening");
            try (SrtSender first = SrtSender.start(stream, url, TestStream.BITRATE, work.resolve("sender-r1.log"))) {
                awaitBytes(receiver, 3 * BYTES_PER_SECOND);
            }
            long before = receiver.bytesReceived();
            try (SrtSender second = SrtSender.start(stream, url, TestStream.BITRATE, work.resolve("sender-r2.log"))) {
                awaitSrtState("srt-restart", "connected");
                awaitBytes(receiver, before + 5 * BYTES_PER_SECOND);
            }
            byte[] all = receiver.received();
            int end = all.length - all.length % 188;
            int tail = (int) (3 * BYTES_PER_SECOND - 3 * BYTES_PER_SECOND % 188);
            byte[] afterRestart = Arrays.copyOfRange(all, end - tail, end);
            // the last 3 s come from the second sender, which started the file again: a run of it, byte for byte
            int offset = TsCapture.contiguousRunOffset(TestStream.bytes(stream), afterRestart);
            assertThat(offset).isGreaterThanOrEqualTo(0);
        } finally {
            api.delete("/api/channels/srt-restart");
        }
    }

    @Test
    void lossOnThePathIsRepairedBySrtAndTheOutputStaysByteExact() throws Exception {
        int input = Ports.freeUdp();
        int front = Ports.freeUdp();
        int output = Ports.freeUdp();
        try (SrtReceiver receiver = SrtReceiver.listen(output, work.resolve("lossy.ts"), "");
             TwoWayLossyUdpProxy proxy = new TwoWayLossyUdpProxy(front, new InetSocketAddress("127.0.0.1", input), 0.03)) {
            createChannel("srt-lossy", "srt://:" + input + "?mode=listener&passphrase=" + PASSPHRASE + "&latency=400", output);
            awaitSrtState("srt-lossy", "listening");
            try (SrtSender sender = SrtSender.start(stream, "srt://127.0.0.1:" + front + "?mode=caller&passphrase=" + PASSPHRASE
                    + "&latency=400", TestStream.BITRATE, work.resolve("sender-lossy.log"))) {
                awaitSrtState("srt-lossy", "connected");
                awaitBytes(receiver, 10 * BYTES_PER_SECOND);
                await("retransmissions counted").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> api.ok("/api/channels/srt-lossy").path("status").path("srt").path("packetsRetransmitted").asLong() > 0);
            }
            assertThat(proxy.dropped()).isPositive();
            assertByteExactWithCues(receiver.received());
            String metrics = api.get("/actuator/prometheus").body();
            assertThat(metrics).contains("distributor_channel_srt_retransmitted");
        } finally {
            api.delete("/api/channels/srt-lossy");
        }
    }

    private static void createChannel(String id, String srt, int outputPort) {
        Api.Response created = api.post("/api/channels", "{\"id\":\"" + id + "\",\"input\":{\"srt\":\"" + srt + "\"},\"started\":true}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        if (outputPort > 0) {
            Api.Response out = api.post("/api/channels/" + id + "/outputs",
                    "{\"id\":\"out\",\"url\":\"srt://127.0.0.1:" + outputPort + "?mode=caller&latency=120\"}");
            assertThat(out.status()).as(out.body()).isEqualTo(201);
        }
    }

    private static void awaitSrtState(String channel, String state) {
        await(channel + " SRT " + state).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.ok("/api/channels/" + channel).path("status").path("srt").path("state").asText(), state::equals);
    }

    private static void awaitBytes(SrtReceiver receiver, long bytes) {
        try {
            await(receiver.file() + " reaching " + bytes + " bytes").atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(200)).until(() -> receiver.bytesReceived() >= bytes);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(receiver.file() + " has " + receiver.bytesReceived() + " bytes; channels: "
                    + api.get("/api/channels").body(), e);
        }
    }

    private static void assertByteExactWithCues(byte[] data) {
        byte[] received = Arrays.copyOf(data, data.length - data.length % 188);
        byte[] sent = TestStream.bytes(stream);
        int offset = TsCapture.contiguousRunOffset(sent, received);
        assertThat(offset).as("received is one unbroken run of the sent stream").isGreaterThanOrEqualTo(0);
        byte[] sentRun = Arrays.copyOfRange(sent, offset, offset + received.length);
        assertThat(received).isEqualTo(sentRun);
        assertThat(TsCapture.ccErrors(received)).isZero();
        List<byte[]> cuesReceived = TsCapture.sections(received, TestStream.SCTE35_PID);
        List<byte[]> cuesSent = TsCapture.sections(sentRun, TestStream.SCTE35_PID);
        assertThat(cuesReceived).hasSameSizeAs(cuesSent).isNotEmpty();
        for (int i = 0; i < cuesSent.size(); i++) {
            assertThat(cuesReceived.get(i)).isEqualTo(cuesSent.get(i));
        }
    }

    private static String cmdline(long pid) {
        try {
            return java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException gone) {
            return "";
        }
    }
}
