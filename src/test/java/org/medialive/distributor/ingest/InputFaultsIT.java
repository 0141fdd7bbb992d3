package org.medialive.distributor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.RtpDatagrams;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Injected network and stream faults give exact counters on a live channel. */
class InputFaultsIT {

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = new DistributorServer(work.resolve("data"), "input-faults").start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int channel(String id) {
        int port = Ports.freeUdp();
        assertThat(api.post("/api/channels", "{\"id\":\"" + id + "\",\"input\":{\"port\":" + port + "},\"started\":true}").status()).isEqualTo(201);
        return port;
    }

    private static JsonNode settled(String id, long datagrams) {
        await(id + " counted " + datagrams + " datagrams").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.ok("/api/channels/" + id).path("status").path("datagrams").asLong() >= datagrams);
        // held packets are released when the input goes quiet; wait for the channel to say so
        await(id + " quiet").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.ok("/api/channels/" + id).path("status").path("state").asText().equals("waiting"));
        return api.ok("/api/channels/" + id);
    }

    @Test
    void datagramsFromAnotherSourceThanTheConfiguredOneAreRejected() throws Exception {
        int port = Ports.freeUdp();
        assertThat(api.post("/api/channels", "{\"id\":\"filtered\",\"input\":{\"port\":" + port
                + ",\"sourceAddress\":\"127.0.0.1\"},\"started\":true}").status()).isEqualTo(201);
        List<byte[]> datagrams = RtpDatagrams.of(TestStream.bytes(TestStream.plain(60)), 100);
        RtpDatagrams.send(datagrams.subList(0, 40), port, "127.0.0.2");
        RtpDatagrams.send(datagrams.subList(40, 100), port, "127.0.0.1");
        JsonNode status = settled("filtered", 100).path("status");
        assertThat(status.path("rejected").asLong()).isEqualTo(40);
        assertThat(status.path("packets").asLong()).isEqualTo(60L * 7);
    }

    @Test
    void sourceAddressesTakeAListOfAddressesAndRanges() throws Exception {
        int port = Ports.freeUdp();
        assertThat(api.post("/api/channels", "{\"id\":\"ranges\",\"input\":{\"port\":" + port
                + ",\"sourceAddress\":[\"127.0.0.0/30\",\"127.0.0.9\"]},\"started\":true}").status()).isEqualTo(201);
        List<byte[]> datagrams = RtpDatagrams.of(TestStream.bytes(TestStream.plain(60)), 90);
        RtpDatagrams.send(datagrams.subList(0, 30), port, "127.0.0.2");
        RtpDatagrams.send(datagrams.subList(30, 60), port, "127.0.0.5");
        RtpDatagrams.send(datagrams.subList(60, 90), port, "127.0.0.9");
        JsonNode channel = settled("ranges", 90);
        JsonNode status = channel.path("status");
        assertThat(status.path("rejected").asLong()).isEqualTo(30);
        assertThat(status.path("rtpLost").asLong()).as("what 127.0.0.5 sent never reached the stream").isEqualTo(30);
        assertThat(status.path("packets").asLong()).isEqualTo(60L * 7);
        assertThat(channel.path("input").path("sourceAddress").toString()).isEqualTo("[\"127.0.0.0/30\",\"127.0.0.9\"]");
        assertThat(status.path("warnings").toString()).doesNotContain("no source filter");
    }

    @Test
    void aChannelWithoutSourceFilterIsWarnedAbout() {
        channel("open");
        String warning = "no source filter: any host that can reach port";
        await("warning shown").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.ok("/api/channels/open").path("status").path("warnings").toString().contains(warning));
        await("health warns").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/actuator/health/channels/open").json().path("details").path("warnings").toString().contains(warning));
        Api.Response refused = api.post("/api/channels", "{\"input\":{\"port\":" + Ports.freeUdp()
                + ",\"sourceAddress\":[\"127.0.0.1\",\"10.0.0.0/40\"]}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("input.sourceAddress: '10.0.0.0/40' has a prefix length that is not a number from 0 to 32");
    }

    @Test
    void fiveWithheldPacketsAreFiveLost() throws Exception {
        int port = channel("withheld");
        List<byte[]> datagrams = new ArrayList<>(RtpDatagrams.of(TestStream.bytes(TestStream.plain(60)), 300));
        datagrams.subList(100, 105).clear();
        RtpDatagrams.send(datagrams, port);
        JsonNode status = settled("withheld", 295).path("status");
        assertThat(status.path("rtpLost").asLong()).isEqualTo(5);
        assertThat(status.path("rtpReordered").asLong()).isZero();
        assertThat(status.path("packets").asLong()).isEqualTo(295L * 7);
    }

    @Test
    void threeReorderedPacketsAreRestoredAndCounted() throws Exception {
        int port = channel("reordered");
        List<byte[]> datagrams = new ArrayList<>(RtpDatagrams.of(TestStream.bytes(TestStream.plain(60)), 300));
        for (int at : new int[] {50, 120, 200}) {
            Collections.swap(datagrams, at, at + 1);
        }
        RtpDatagrams.send(datagrams, port);
        JsonNode channel = settled("reordered", 300);
        assertThat(channel.path("status").path("rtpReordered").asLong()).isEqualTo(3);
        assertThat(channel.path("status").path("rtpLost").asLong()).isZero();
        assertThat(channel.path("stream").path("totalCcErrors").asLong()).as("order restored: no CC error").isZero();
    }

    @Test
    void oneBrokenContinuityCounterIsOneErrorOnThatPid() throws Exception {
        int port = channel("broken-cc");
        byte[] ts = TestStream.bytes(TestStream.plain(60));
        byte[] stream = Arrays.copyOf(ts, 300 * 7 * 188);
        int audioPackets = 0;
        for (int i = 0; i < stream.length; i += 188) {
            int pid = ((stream[i + 1] & 0x1F) << 8) | (stream[i + 2] & 0xFF);
            if (pid == 482 && ++audioPackets == 40) {
                // one audio packet replaced by a null packet: as if lost, a single CC gap on PID 482
                stream[i + 1] = 0x1F;
                stream[i + 2] = (byte) 0xFF;
            }
        }
        RtpDatagrams.send(RtpDatagrams.of(stream, 300), port);
        JsonNode analysis = settled("broken-cc", 300).path("stream");
        assertThat(analysis.path("ccErrorsByPid").path("482").asLong()).isEqualTo(1);
        assertThat(analysis.path("totalCcErrors").asLong()).isEqualTo(1);
        assertThat(analysis.path("ccErrorsByPid").path("481").asLong()).isZero();
    }
}
