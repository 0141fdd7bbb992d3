package org.medialive.distributor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.medialive.distributor.ingest.SenderNamespace.FIRST;
import static org.medialive.distributor.ingest.SenderNamespace.SECOND;
import static org.medialive.distributor.ingest.SenderNamespace.hex;
import static org.medialive.distributor.ingest.SenderNamespace.stop;

/**
 * Channels that join multicast groups on a given interface: one group; two groups on one port
 * (each channel its own group only); a source-specific join (IGMPv3) that keeps another sender
 * of the same group out of the socket. The senders run in a network namespace this test makes
 * ({@link SenderNamespace}). ffmpeg's RTP muxer numbers the elementary streams from PID 256, so
 * the plain stream is PIDs 256 and 257 and the two-audio one adds 258: which programme a channel
 * got is told by its PIDs.
 */
class MulticastIT {

    private static final String GROUP = "239.255.42.1";
    private static final String OTHER_GROUP = "239.255.42.2";

    @TempDir
    Path work;
    private SenderNamespace senders;

    @BeforeEach
    void makeNamespace() throws Exception {
        senders = SenderNamespace.make();
    }

    @AfterEach
    void removeNamespace() throws Exception {
        senders.close();
    }

    @Test
    void aChannelReceivesItsMulticastGroupOnTheNamedInterface() throws Exception {
        int port = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "multicast").start()) {
            Api api = server.api();
            Api.Response created = api.post("/api/channels", channelJson("mcast", GROUP, port, ""));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Process sender = senders.send(TestStream.plain(60), GROUP, port, FIRST, work.resolve("sender.log"));
            try {
                await("multicast arriving").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                        .until(() -> api.ok("/api/channels/mcast").path("status").path("state").asText().equals("receiving"));
                await("a few seconds of it").atMost(Duration.ofSeconds(20))
                        .until(() -> api.ok("/api/channels/mcast").path("status").path("packets").asLong() > 5000);
                JsonNode status = api.ok("/api/channels/mcast").path("status");
                assertThat(status.path("malformed").asLong()).isZero();
                assertThat(status.path("rtpLost").asLong()).isZero();
            } finally {
                stop(sender);
            }
        }
    }

    @Test
    void twoChannelsOnOnePortEachReceiveOnlyTheirOwnGroup() throws Exception {
        int port = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "multicast-shared-port").start()) {
            Api api = server.api();
            for (String[] channel : List.of(new String[] {"one", GROUP}, new String[] {"two", OTHER_GROUP})) {
                Api.Response created = api.post("/api/channels", channelJson(channel[0], channel[1], port, ""));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
            }
            Api.Response sameGroup = api.post("/api/channels", channelJson("three", GROUP, port, ""));
            assertThat(sameGroup.status()).as(sameGroup.body()).isEqualTo(409);
            Api.Response unicast = api.post("/api/channels", "{\"id\":\"four\",\"input\":{\"port\":" + port + "}}");
            assertThat(unicast.status()).as(unicast.body()).isEqualTo(409);
            Process first = senders.send(TestStream.plain(60), GROUP, port, FIRST, work.resolve("first.log"));
            Process second = senders.send(TestStream.twoAudioTracks(60), OTHER_GROUP, port, FIRST, work.resolve("second.log"));
            try {
                for (String id : List.of("one", "two")) {
                    await(id + " receiving a few seconds").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                            .until(() -> api.ok("/api/channels/" + id).path("status").path("packets").asLong() > 5000);
                }
                for (String id : List.of("one", "two")) {
                    assertOneCleanStream(api.ok("/api/channels/" + id), id);
                }
                assertThat(pids(api, "one")).as("channel one: its own programme only").containsExactlyInAnyOrder("256", "257");
                assertThat(pids(api, "two")).as("channel two: its own programme").containsExactlyInAnyOrder("256", "257", "258");
            } finally {
                stop(first);
                stop(second);
            }
        }
    }

    @Test
    void aSourceSpecificJoinKeepsOtherSendersOfTheGroupOutOfTheSocket() throws Exception {
        int port = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "multicast-ssm").start()) {
            Api api = server.api();
            Api.Response created = api.post("/api/channels", channelJson("ssm", GROUP, port, ",\"sourceAddress\":\"" + FIRST + "\""));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            await("the source-specific membership").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> senders.sourceFilters().contains(List.of(hex(GROUP), hex(FIRST))));
            long rxBefore = senders.receivedOnHostEnd();
            Process wanted = senders.send(TestStream.plain(60), GROUP, port, FIRST, work.resolve("wanted.log"));
            Process other = senders.send(TestStream.twoAudioTracks(60), GROUP, port, SECOND, work.resolve("other.log"));
            try {
                // the interface receives both senders: what the channel did not get, the kernel kept out
                await("both senders arriving, one reaching the channel").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            JsonNode status = api.ok("/api/channels/ssm").path("status");
                            return status.path("packets").asLong() > 5000
                                    && senders.receivedOnHostEnd() - rxBefore > status.path("datagrams").asLong() + 500;
                        });
                assertOneCleanStream(api.ok("/api/channels/ssm"), "ssm");
                assertThat(pids(api, "ssm")).as("nothing of the other sender's programme (its PID 258)").containsExactlyInAnyOrder("256", "257");
            } finally {
                stop(wanted);
                stop(other);
            }
        }
    }

    /** One RTP stream, complete and in order, every datagram from the expected sender and MPEG-TS. */
    private static void assertOneCleanStream(JsonNode channel, String id) {
        JsonNode status = channel.path("status");
        assertThat(status.path("rejected").asLong()).as(id + " rejected (another sender)").isZero();
        assertThat(status.path("malformed").asLong()).as(id + " malformed").isZero();
        assertThat(status.path("rtpDropped").asLong()).as(id + " stray RTP (another stream)").isZero();
        assertThat(status.path("senderRestarts").asLong()).as(id + " sender restarts (another SSRC)").isZero();
        assertThat(status.path("rtpLost").asLong()).as(id + " RTP lost").isZero();
    }

    private static List<String> pids(Api api, String id) {
        List<String> pids = new ArrayList<>();
        api.ok("/api/channels/" + id).path("stream").path("activityByPid").fieldNames().forEachRemaining(pids::add);
        return pids;
    }

    private String channelJson(String id, String group, int port, String more) {
        return "{\"id\":\"" + id + "\",\"input\":{\"port\":" + port + ",\"multicastGroup\":\"" + group
                + "\",\"interface\":\"" + senders.hostEnd() + "\"" + more + "},\"started\":true}";
    }
}
