package org.medialive.distributor.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
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
 * Faults injected into one of three outputs (or into the input) while streaming, with a
 * real SRT receiver behind each output. The outputs not targeted must each stay one
 * contiguous byte-identical run with no continuity-counter error and no restart.
 */
class SupervisionIT {

    private static final long SECOND = TestStream.BITRATE / 8;

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api api;
    static Path data;

    @BeforeAll
    static void startServer() {
        data = work.resolve("data");
        // a small buffer so a stopped process overflows it within seconds
        server = new DistributorServer(data, "supervision", "--distributor.output.buffer=256KB").start();
        api = server.api();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** One channel with outputs a, b, c, each received by its own srt-live-transmit listener. */
    final class Scenario implements AutoCloseable {
        final String channel;
        final Path stream = TestStream.plain(90);
        final Map<String, Integer> ports = new HashMap<>();
        final Map<String, SrtReceiver> receivers = new HashMap<>();
        final RtpPacer pacer;

        Scenario(String channel) throws Exception {
            this.channel = channel;
            int input = Ports.freeUdp();
            assertThat(api.post("/api/channels", "{\"id\":\"" + channel + "\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);
            for (String id : List.of("a", "b", "c")) {
                ports.put(id, Ports.freeUdp());
                listen(id, "");
                assertThat(api.post(path(""), "{\"id\":\"" + id + "\",\"url\":\"srt://127.0.0.1:" + ports.get(id) + "\"}").status()).isEqualTo(201);
            }
            pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, channel.hashCode())
                    .start(new FileInputStream(stream.toFile()));
            for (String id : List.of("a", "b", "c")) {
                awaitState(id, "running");
                awaitMore(id, 2 * SECOND);
            }
        }

        void listen(String id, String suffix) {
            receivers.put(id, SrtReceiver.listen(ports.get(id), work.resolve(channel + "-" + id + suffix + ".ts"), ""));
        }

        String path(String output) {
            return "/api/channels/" + channel + "/outputs" + (output.isEmpty() ? "" : "/" + output);
        }

        JsonNode status(String output) {
            return api.ok(path(output)).path("status");
        }

        long pid(String output) {
            return ChildProcesses.find(data, "127.0.0.1:" + ports.get(output) + "?");
        }

        void awaitState(String output, String state) {
            await(channel + "/" + output + " " + state).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                    .until(() -> status(output).path("state").asText(), state::equals);
        }

        void awaitMore(String output, long bytes) {
            SrtReceiver receiver = receivers.get(output);
            long target = receiver.bytesReceived() + bytes;
            await(channel + "/" + output + " receiving").atMost(Duration.ofSeconds(40)).until(() -> receiver.bytesReceived() >= target);
        }

        /** The untouched outputs: still receiving, never restarted, byte-exact, no CC error. */
        void assertUntouched(String... outputs) {
            byte[] sent = TestStream.bytes(stream);
            for (String id : outputs) {
                awaitMore(id, SECOND);
                assertThat(status(id).path("restarts").asInt()).as(id + " restarts").isZero();
                byte[] received = receivers.get(id).received();
                received = Arrays.copyOf(received, received.length - received.length % 188);
                TsCapture.contiguousRunOffset(sent, received);
                assertThat(TsCapture.ccErrors(received)).as(id + " CC errors").isZero();
            }
        }

        @Override
        public void close() {
            pacer.close();
            assertThat(api.delete("/api/channels/" + channel).status()).isEqualTo(204);
            receivers.values().forEach(SrtReceiver::close);
        }
    }

    /** The injected fault's length is part of the scenario (not a wait for the server to act). */
    private static void faultLasts(Duration length) {
        long end = System.nanoTime() + length.toNanos();
        await("the fault's " + length.toSeconds() + " s").pollInterval(Duration.ofMillis(100))
                .atMost(length.plusSeconds(1)).until(() -> System.nanoTime() >= end);
    }

    @Test
    void aKilledProcessIsBackWithinTheBackoffAndNothingElseNotices() throws Exception {
        try (Scenario s = new Scenario("kill")) {
            ChildProcesses.signal(s.pid("b"), "KILL");
            s.awaitState("b", "retrying");
            assertThat(s.status("b").path("lastError").asText()).contains("killed by signal 9");
            s.awaitState("b", "running");
            // the receiver may still hold the dead caller's connection for a few seconds, so a
            // first reconnection can fail: one or more restarts, paced by the back-off
            assertThat(s.status("b").path("restarts").asInt()).isPositive();
            s.assertUntouched("a", "c");
        }
    }

    @Test
    void aStoppedProcessOverflowsOnlyItsOwnBufferThenRecovers() throws Exception {
        try (Scenario s = new Scenario("stop")) {
            long pid = s.pid("b");
            ChildProcesses.signal(pid, "STOP");
            await("b dropping").atMost(Duration.ofSeconds(15)).until(() -> s.status("b").path("drops").asLong() > 0);
            faultLasts(Duration.ofSeconds(4));
            ChildProcesses.signal(pid, "CONT");
            s.awaitState("b", "running");
            s.awaitMore("b", SECOND);
            assertThat(s.status("a").path("drops").asLong()).isZero();
            assertThat(s.status("c").path("drops").asLong()).isZero();
            s.assertUntouched("a", "c");
        }
    }

    @Test
    void aDestinationThatDisappearsIsRetriedUntilItReturns() throws Exception {
        try (Scenario s = new Scenario("gone")) {
            s.receivers.get("b").close();
            s.awaitState("b", "retrying");
            assertThat(s.status("b").path("lastError").asText()).containsPattern("SRT (peer|call)");
            s.listen("b", "-again");
            s.awaitState("b", "running");
            s.awaitMore("b", SECOND);
            s.assertUntouched("a", "c");
        }
    }

    @Test
    void twentyRoundsOfAddingAndRemovingAnOutput() throws Exception {
        try (Scenario s = new Scenario("churn")) {
            int port = Ports.freeUdp();
            try (SrtReceiver extra = SrtReceiver.listen(port, work.resolve("churn-extra.ts"), "")) {
                for (int round = 0; round < 20; round++) {
                    String id = "x" + round;
                    assertThat(api.post(s.path(""), "{\"id\":\"" + id + "\",\"url\":\"srt://127.0.0.1:" + port + "\"}").status()).isEqualTo(201);
                    s.awaitState(id, "running");
                    assertThat(api.delete(s.path(id)).status()).isEqualTo(204);
                }
                assertThat(extra.bytesReceived()).isPositive();
            }
            assertThat(ChildProcesses.supervised(data)).as("only a, b and c are left running").hasSize(3);
            s.assertUntouched("a", "b", "c");
        }
    }

    @Test
    void inputLossMakesTheChannelWaitWithoutTouchingOutputs() throws Exception {
        try (Scenario s = new Scenario("loss")) {
            long pidA = s.pid("a");
            s.pacer.pause();
            await("channel waiting").atMost(Duration.ofSeconds(10))
                    .until(() -> api.ok("/api/channels/loss").path("status").path("state").asText(), "waiting"::equals);
            faultLasts(Duration.ofSeconds(2));
            s.pacer.resume();
            await("channel receiving").atMost(Duration.ofSeconds(10))
                    .until(() -> api.ok("/api/channels/loss").path("status").path("state").asText(), "receiving"::equals);
            assertThat(s.pid("a")).as("output a kept its process").isEqualTo(pidA);
            s.assertUntouched("a", "b", "c");
        }
    }

    @Test
    void changingOneOutputOrTheInputRestartsOnlyThat() throws Exception {
        try (Scenario s = new Scenario("edit")) {
            long pidA = s.pid("a");
            long pidC = s.pid("c");
            Api.Response renamed = api.put(s.path("b"), "{\"name\":\"B renamed\",\"url\":\"srt://127.0.0.1:" + s.ports.get("b") + "?latency=250\"}");
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
            s.awaitState("b", "running");
            assertThat(api.ok(s.path("b")).path("url").asText()).contains("latency=250");
            int newInput = Ports.freeUdp();
            Api.Response moved = api.put("/api/channels/edit", "{\"input\":{\"port\":" + newInput + "}}");
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(s.pid("a")).isEqualTo(pidA);
            assertThat(s.pid("c")).isEqualTo(pidC);
            assertThat(api.ok("/api/channels/edit").path("input").path("port").asInt()).isEqualTo(newInput);
        }
    }
}
