package org.medialive.distributor.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.channel.SwitchedCapture;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ChildProcesses;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.PartitionableTcpProxy;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.ZooKeeperServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode (issue 27) on loopback: a real ZooKeeper and two server processes with their own
 * ports and data directories. Configuration made on one node shows on the other within a second;
 * the owner's SIGKILL moves its channel within 5 s, its SRT output reconnected and the receiver
 * holding two contiguous runs of the input; a SIGSTOPped owner never sends beside its successor;
 * a channel moves by API. Session timeout 3 s (ZooKeeper tickTime 500 ms).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String SESSION = "3s";

    @TempDir
    static Path work;
    static ZooKeeperServer zooKeeper;
    static final DistributorServer[] nodes = new DistributorServer[2];
    static final Path[] data = new Path[2];
    /** Each node reaches ZooKeeper through its own relay, which a test can cut like a network partition. */
    static final PartitionableTcpProxy[] links = new PartitionableTcpProxy[2];

    @BeforeAll
    static void start() throws Exception {
        zooKeeper = ZooKeeperServer.start(work);
        for (int i = 0; i < 2; i++) {
            data[i] = Files.createDirectories(work.resolve("node" + (i + 1)));
            links[i] = PartitionableTcpProxy.to("127.0.0.1", zooKeeper.port());
        }
        // node 1 finds ZooKeeper empty and imports its data file; node 2's file is then ignored
        Files.writeString(data[0].resolve("distributor.json"), file("imported", Ports.freeUdp()));
        Files.writeString(data[1].resolve("distributor.json"), file("ignored", Ports.freeUdp()));
        nodes[0] = node(0).start();
        nodes[1] = node(1).start();
    }

    private static String file(String channel, int port) {
        return "{\"version\":1,\"channels\":[{\"id\":\"" + channel + "\",\"name\":null,\"input\":{\"port\":" + port
                + ",\"sourceAddress\":\"127.0.0.1\"},\"started\":false,\"outputs\":[]}]}";
    }

    static DistributorServer node(int i) {
        return new DistributorServer(data[i], "cluster-node" + (i + 1), "--distributor.cluster.zookeeper=127.0.0.1:" + links[i].port(),
                "--distributor.cluster.node-id=node" + (i + 1), "--distributor.cluster.session-timeout=" + SESSION);
    }

    @AfterAll
    static void stop() {
        for (DistributorServer node : nodes) {
            if (node != null) {
                ChildProcesses.signal(node.pid(), "CONT");
                node.close();
            }
        }
        for (PartitionableTcpProxy link : links) {
            if (link != null) {
                link.close();
            }
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    /** One signed-in client per node (a sign-in costs a bcrypt check: it would blur the timings). */
    static final Api[] apis = new Api[2];

    static Api api(int i) {
        if (apis[i] == null) {
            apis[i] = nodes[i].api();
        }
        return apis[i];
    }

    static JsonNode clusterChannel(int i, String id) {
        for (JsonNode channel : api(i).ok("/api/cluster").path("channels")) {
            if (channel.path("id").asText().equals(id)) {
                return channel;
            }
        }
        return null;
    }

    /** The node (0 or 1) that runs the channel, once exactly one says so. */
    static int owner(String id) {
        await("one owner of " + id).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> clusterChannel(0, id) != null && clusterChannel(1, id) != null
                        && clusterChannel(0, id).path("ownedHere").asBoolean() != clusterChannel(1, id).path("ownedHere").asBoolean());
        return clusterChannel(0, id).path("ownedHere").asBoolean() ? 0 : 1;
    }

    @Test
    @Order(1)
    void theFirstNodeImportsItsFileAndEveryChangeShowsOnTheOtherNodeWithinASecond() {
        assertThat(api(1).get("/api/channels/imported").status()).isEqualTo(200);
        assertThat(api(1).get("/api/channels/ignored").status()).isEqualTo(404);
        await("both nodes listed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> api(0).ok("/api/cluster").path("nodes").toString().equals("[\"node1\",\"node2\"]"));

        // timed from the API's answer (the change is made and stored) to the other node's API showing it
        long began = System.nanoTime();
        assertThat(api(0).post("/api/channels", "{\"id\":\"shared\",\"input\":{\"port\":" + Ports.freeUdp()
                + ",\"sourceAddress\":\"127.0.0.1\"}}").status()).isEqualTo(201);
        long answered = System.nanoTime();
        await("channel on node 2").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> api(1).get("/api/channels/shared").status() == 200);
        System.out.println("created on node 1 (POST took " + (answered - began) / 1_000_000 + " ms), seen on node 2 "
                + (System.nanoTime() - answered) / 1_000_000 + " ms after the answer");

        began = System.nanoTime();
        assertThat(api(1).post("/api/channels/shared/outputs", "{\"id\":\"out\",\"url\":\"udp://127.0.0.1:"
                + Ports.freeUdp() + "\",\"enabled\":false}").status()).isEqualTo(201);
        answered = System.nanoTime();
        await("output on node 1").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> api(0).get("/api/channels/shared/outputs/out").status() == 200);
        System.out.println("output added on node 2 (POST took " + (answered - began) / 1_000_000 + " ms), seen on node 1 "
                + (System.nanoTime() - answered) / 1_000_000 + " ms after the answer");

        assertThat(api(1).delete("/api/channels/shared").status()).isEqualTo(204);
        await("deleted on node 1").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> api(0).get("/api/channels/shared").status() == 404);
    }

    @Test
    @Order(2)
    void aKilledOwnersChannelRunsOnTheOtherNodeWithinFiveSeconds() throws Exception {
        Path stream = TestStream.plain(120);
        int input = Ports.freeUdp();
        int srt = Ports.freeUdp();
        try (SrtReceiver receiver = SrtReceiver.listen(srt, work.resolve("news.ts"), "");
             RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0xA)) {
            assertThat(api(0).post("/api/channels", "{\"id\":\"news\",\"input\":{\"port\":" + input
                    + ",\"sourceAddress\":\"127.0.0.1\"},\"started\":true}").status()).isEqualTo(201);
            assertThat(api(0).post("/api/channels/news/outputs", "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + srt
                    + "?mode=caller&latency=120\"}").status()).isEqualTo(201);
            pacer.start(new FileInputStream(stream.toFile()));
            await("output flowing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> receiver.bytesReceived() > 500_000);
            int owner = owner("news");
            int other = 1 - owner;
            assertThat(ChildProcesses.supervised(data[other])).as("children of the node that does not own it").isEmpty();

            try (GrowthLog growth = new GrowthLog(receiver); Restarted back = new Restarted(owner)) {
                await("the output's growth sampled").atMost(Duration.ofSeconds(5)).until(() -> growth.count() >= 5);
                long killed = System.nanoTime();
                nodes[owner].kill();
                await("output back from the other node").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                        .until(() -> growth.resumedAfter(killed) > 0);
                long resumed = growth.resumedAfter(killed);
                System.out.printf("SIGKILL of the owner: output back after %d ms (bytes stopped %d ms before the kill was sent)%n",
                        (resumed - killed) / 1_000_000, (killed - growth.lastGrowthBefore(killed)) / 1_000_000);
                assertThat((resumed - killed) / 1_000_000).as("takeover, kill to first byte from the new owner (ms)").isLessThan(5000);
                assertThat(clusterChannel(other, "news").path("owner").asText()).isEqualTo("node" + (other + 1));
                long now = receiver.bytesReceived();
                await("output going on").atMost(Duration.ofSeconds(10)).until(() -> receiver.bytesReceived() > now + 500_000);
            }
            pacer.pause();
            java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong(-1);
            await("the output settled").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                    .until(() -> seen.getAndSet(receiver.bytesReceived()) == receiver.bytesReceived());
            List<SwitchedCapture.Run> runs = new SwitchedCapture(TestStream.bytes(stream)).runs(receiver.received());
            System.out.println("runs of news.ts: " + runs);
            assertThat(runs).as("contiguous runs of the input: before and after the gap").hasSize(2);
            assertThat(runs.get(1).offset()).as("the second run starts later in the input").isGreaterThan(runs.get(0).end());

            assertThat(api(owner).ok("/api/channels/news").path("id").asText()).isEqualTo("news");
            assertThat(owner("news")).as("the returning node does not take the channel back").isEqualTo(other);
        }
    }

    @Test
    @Order(3)
    void aChannelMovesToTheNodeNamedThroughTheApiAndStaysOnItsAllowedNodes() {
        int owner = owner("news");
        int target = 1 - owner;
        long began = System.nanoTime();
        assertThat(api(owner).post("/api/channels/news/owner", "{\"node\":\"node" + (target + 1) + "\"}").status()).isEqualTo(202);
        await("moved").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> owner("news") == target);
        System.out.println("move by API: done after " + (System.nanoTime() - began) / 1_000_000 + " ms");
        await("the old owner's children gone").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> ChildProcesses.supervised(data[owner]).isEmpty());

        // only the first owner may own it: the current owner leaves the election, the channel goes back
        assertThat(api(target).put("/api/channels/news/nodes", "{\"nodes\":[\"node" + (owner + 1) + "\"]}").status()).isEqualTo(200);
        await("back on the only allowed node").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> owner("news") == owner);
        assertThat(clusterChannel(owner, "news").path("candidates").toString()).isEqualTo("[\"node" + (owner + 1) + "\"]");
        assertThat(api(owner).post("/api/channels/news/owner", "{\"node\":\"node" + (target + 1) + "\"}").status())
                .as("a move to a node not allowed").isEqualTo(409);
        assertThat(api(owner).put("/api/channels/news/nodes", "{\"nodes\":[]}").status()).isEqualTo(200);
        await("every node in the election again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> clusterChannel(owner, "news").path("candidates").size() == 2);

        assertThat(api(target).post("/api/channels/news/owner", "{\"node\":\"nobody\"}").status()).isEqualTo(409);
        assertThat(api(target).post("/api/channels/none/owner", "{\"node\":\"node1\"}").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aStoppedOwnerNeverSendsBesideTheNodeThatTookItsChannel() throws Exception {
        int input = Ports.freeUdp();
        try (SenderLog destination = new SenderLog();
             RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0xB)) {
            runWithUdpOutput("sports", input, destination, pacer);
            int owner = owner("sports");
            int other = 1 - owner;

            long stopped = System.nanoTime();
            ChildProcesses.signal(nodes[owner].pid(), "STOP");
            try {
                await("the stopped node's children end (child-guard.sh)").atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                        .until(() -> ChildProcesses.supervised(data[owner]).isEmpty());
                System.out.println("children of the SIGSTOPped node gone after " + (System.nanoTime() - stopped) / 1_000_000 + " ms");
                await("the other node elected").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> clusterChannel(other, "sports").path("ownedHere").asBoolean());
                System.out.println("other node owns the channel after " + (System.nanoTime() - stopped) / 1_000_000 + " ms");
                await("the stopped node's children stay gone").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                        .until(() -> ChildProcesses.supervised(data[owner]).isEmpty());
            } finally {
                ChildProcesses.signal(nodes[owner].pid(), "CONT");
            }
            long resumed = System.nanoTime();
            // on one host the stopped JVM kept the input's port: the new owner receives once the resumed node lets it go
            await("the new owner sending").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> destination.periods().size() >= 2 && destination.periods().get(destination.periods().size() - 1).last() > resumed);
            await("the resumed node starts no children").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                    .until(() -> ChildProcesses.supervised(data[owner]).isEmpty());
            List<SenderLog.Period> periods = destination.periods();
            System.out.println("senders (source port, first, last, datagrams): " + periods);
            assertOneSenderAtATime(periods);
            SenderLog.Period old = periods.get(0);
            assertThat(old.last()).as("the stopped node sent nothing after its SIGCONT").isLessThan(resumed);
            assertThat(clusterChannel(owner, "sports").path("ownedHere").asBoolean()).isFalse();
            assertThat(ChildProcesses.supervised(data[owner])).as("the resumed node runs no children").isEmpty();
        }
    }

    @Test
    @Order(5)
    void eachNodeReceivesTheInputItIsGivenAndAMoveSwitchesThePipeline() throws Exception {
        Path pipelineA = TestStream.plain(120);
        Path pipelineB = TestStream.twoAudioTracks(120);
        int portA = Ports.freeUdp();
        int portB = Ports.freeUdp();
        int srt = Ports.freeUdp();
        try (SrtReceiver receiver = SrtReceiver.listen(srt, work.resolve("pipelines.ts"), "");
             RtpPacer senderA = new RtpPacer(new InetSocketAddress("127.0.0.1", portA), TestStream.BITRATE, 0xA1);
             RtpPacer senderB = new RtpPacer(new InetSocketAddress("127.0.0.1", portB), TestStream.BITRATE, 0xB1)) {
            assertThat(api(0).post("/api/channels", "{\"id\":\"pipelines\",\"input\":{\"port\":" + portA
                    + ",\"sourceAddress\":\"127.0.0.1\"},\"backupInput\":{\"port\":" + portB + ",\"sourceAddress\":\"127.0.0.1\"}}").status())
                    .isEqualTo(201);
            assertThat(api(0).put("/api/channels/pipelines/nodes", "{\"nodes\":[\"node1\",\"node2\"],\"inputs\":{\"node1\":\"primary\",\"node3\":\"backup\"}}").status())
                    .as("an input for a node not listed").isEqualTo(400);
            assertThat(api(0).put("/api/channels/pipelines/nodes", "{\"nodes\":[\"node1\",\"node2\"],\"inputs\":{\"node1\":\"primary\",\"node2\":\"backup\"}}").status())
                    .isEqualTo(200);
            await("the assignment on node 2").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> clusterChannel(1, "pipelines") != null
                            && clusterChannel(1, "pipelines").path("inputs").toString().equals("{\"node1\":\"primary\",\"node2\":\"backup\"}"));
            assertThat(api(0).post("/api/channels/pipelines/outputs", "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + srt
                    + "?mode=caller&latency=120\"}").status()).isEqualTo(201);
            assertThat(api(0).post("/api/channels/pipelines/start", "").status()).isEqualTo(200);
            senderA.start(new FileInputStream(pipelineA.toFile()));
            senderB.start(new FileInputStream(pipelineB.toFile()));
            await("output flowing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> receiver.bytesReceived() > 500_000);

            int first = owner("pipelines");
            String mine = first == 0 ? "primary" : "backup";
            String theirs = first == 0 ? "backup" : "primary";
            JsonNode inputs = api(first).ok("/api/channels/pipelines").path("inputs");
            assertThat(inputs.path(mine).path("state").asText()).as("the owner's own pipeline").isEqualTo("receiving");
            assertThat(inputs.path(mine).path("active").asBoolean()).isTrue();
            assertThat(inputs.path(theirs).path("state").asText()).as("the other node's pipeline is not received here").isEqualTo("stopped");
            assertThat(api(first).post("/api/channels/pipelines/input/switch", "{\"to\":\"" + theirs + "\"}").status())
                    .as("a switch to the input another node receives").isEqualTo(409);

            int second = 1 - first;
            assertThat(api(first).post("/api/channels/pipelines/owner", "{\"node\":\"node" + (second + 1) + "\"}").status()).isEqualTo(202);
            await("moved").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> owner("pipelines") == second);
            long moved = receiver.bytesReceived();
            await("output from the second node").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> receiver.bytesReceived() > moved + 500_000);
            assertThat(api(second).ok("/api/channels/pipelines").path("inputs").path(theirs).path("state").asText()).isEqualTo("receiving");

            senderA.pause();
            senderB.pause();
            java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong(-1);
            await("the output settled").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                    .until(() -> seen.getAndSet(receiver.bytesReceived()) == receiver.bytesReceived());
            List<SwitchedCapture.Run> runs = new SwitchedCapture(TestStream.bytes(pipelineA), TestStream.bytes(pipelineB))
                    .runs(receiver.received());
            System.out.println("runs of pipeline A (source 0) and B (source 1): " + runs);
            assertThat(runs).as("the first owner's pipeline, then the second's").hasSize(2);
            assertThat(runs.get(0).source()).isEqualTo(first);
            assertThat(runs.get(1).source()).isEqualTo(second);
        }
    }

    @Test
    @Order(6)
    void anOwnerCutFromZooKeeperStopsItsOutputsBeforeTheOtherNodeStartsThem() throws Exception {
        int input = Ports.freeUdp();
        try (SenderLog destination = new SenderLog();
             RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0xC)) {
            runWithUdpOutput("weather", input, destination, pacer);
            int owner = owner("weather");
            int other = 1 - owner;

            // the owner keeps running and its API answers; only its packets to and from ZooKeeper are lost
            long cut = System.nanoTime();
            links[owner].cut();
            try {
                await("the cut-off owner's children end (its lease lapses)").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> ChildProcesses.supervised(data[owner]).isEmpty());
                long fenced = System.nanoTime();
                await("the other node elected").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> clusterChannel(other, "weather").path("ownedHere").asBoolean());
                System.out.printf("owner cut from ZooKeeper: its outputs stopped after %d ms, the other node owned the channel after %d ms%n",
                        (fenced - cut) / 1_000_000, (System.nanoTime() - cut) / 1_000_000);
                await("the new owner sending").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> destination.periods().size() >= 2);
            } finally {
                links[owner].heal();
            }
            await("the cut node back in the cluster").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api(owner).ok("/api/cluster").path("leaseValid").asBoolean()
                            && api(owner).ok("/api/cluster").path("nodes").size() == 2);
            await("the healed node leaves the channel where it is").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> ChildProcesses.supervised(data[owner]).isEmpty() && !clusterChannel(owner, "weather").path("ownedHere").asBoolean());
            List<SenderLog.Period> periods = destination.periods();
            System.out.println("senders (source port, first, last, datagrams): " + periods);
            assertOneSenderAtATime(periods);
            assertThat(periods.get(periods.size() - 1).datagrams()).as("the new owner's stream goes on").isGreaterThan(100);
        }
    }

    @Test
    @Order(7)
    void changesMadeOnBothNodesAtOnceAreAllKeptOrRefusedWithAConflict() throws Exception {
        int perNode = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2 * perNode);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> creates = new java.util.ArrayList<>();
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                for (int n = 0; n < perNode; n++) {
                    int node = i;
                    String id = "busy" + (i + 1) + "-" + n;
                    int port = Ports.freeUdp();
                    ids.add(id);
                    creates.add(pool.submit(() -> {
                        go.await();
                        return api(node).post("/api/channels", "{\"id\":\"" + id + "\",\"input\":{\"port\":" + port + "}}").status();
                    }));
                }
            }
            go.countDown();
            for (java.util.concurrent.Future<Integer> create : creates) {
                assertThat(create.get()).as("a create on one node while the other creates too").isEqualTo(201);
            }
            for (int i = 0; i < 2; i++) {
                int node = i;
                await("every channel created on either node listed on node " + (node + 1)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                        .until(() -> channelIds(node).containsAll(ids));
            }

            // one channel renamed on both nodes at once: each answer is kept (200) or refused (409), never lost
            List<String> kept = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int round = 0; round < 4; round++) {
                java.util.concurrent.CountDownLatch again = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<?>> renames = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    int node = i;
                    String name = "round " + round + " from node " + (node + 1);
                    renames.add(pool.submit(() -> {
                        again.await();
                        Api.Response answer = api(node).put("/api/channels/busy1-0", "{\"name\":\"" + name + "\",\"input\":{\"port\":"
                                + api(node).ok("/api/channels/busy1-0").path("input").path("port").asInt() + "}}");
                        assertThat(answer.status()).as("rename on node %d: %s", node + 1, answer.body()).isIn(200, 409);
                        if (answer.status() == 200) {
                            kept.add(name);
                        }
                        return null;
                    }));
                }
                again.countDown();
                for (java.util.concurrent.Future<?> rename : renames) {
                    rename.get();
                }
            }
            await("both nodes show the same name").atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> api(0).ok("/api/channels/busy1-0").path("name").asText()
                            .equals(api(1).ok("/api/channels/busy1-0").path("name").asText()));
            String last = api(0).ok("/api/channels/busy1-0").path("name").asText();
            System.out.println("renames answered 200: " + kept + "; both nodes show '" + last + "'");
            assertThat(kept).as("a name some node answered 200 for").contains(last);
            for (String id : ids) {
                assertThat(api(0).delete("/api/channels/" + id).status()).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(8)
    void theClusterOperationsAnswerWhatDocsOpenApiJsonDocuments() throws Exception {
        assertThat(api(0).post("/api/channels", "{\"id\":\"documented\",\"input\":{\"port\":" + Ports.freeUdp()
                + "},\"backupInput\":{\"port\":" + Ports.freeUdp() + "}}").status()).isEqualTo(201);
        // the client generated from docs/openapi.json, strict: a field the document lacks fails the parse
        org.medialive.distributor.client.ApiClient client = new org.medialive.distributor.client.ApiClient();
        client.updateBaseUri(nodes[1].baseUrl());
        String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + DistributorServer.ADMIN_PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + basic));
        client.setObjectMapper(client.getObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        org.medialive.distributor.client.api.ClusterApi cluster = new org.medialive.distributor.client.api.ClusterApi(client);

        org.medialive.distributor.client.model.ChannelNodes set = cluster.apiSetChannelNodes("documented",
                new org.medialive.distributor.client.model.ChannelNodes().nodes(List.of("node1", "node2"))
                        .putInputsItem("node1", org.medialive.distributor.client.model.ChannelNodes.InnerEnum.PRIMARY));
        assertThat(set.getNodes()).containsExactly("node1", "node2");
        assertThat(set.getInputs()).containsEntry("node1", org.medialive.distributor.client.model.ChannelNodes.InnerEnum.PRIMARY);
        await("the list on node 2").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.apiCluster().getChannels().stream().anyMatch(channel -> channel.getId().equals("documented")
                        && channel.getAllowedNodes().equals(List.of("node1", "node2")) && channel.getOwner() != null));
        org.medialive.distributor.client.model.Cluster state = cluster.apiCluster();
        assertThat(state.getMode()).isEqualTo(org.medialive.distributor.client.model.Cluster.ModeEnum.CLUSTER);
        assertThat(state.getNode()).isEqualTo("node2");
        assertThat(state.getNodes()).containsExactly("node1", "node2");
        org.medialive.distributor.client.model.ClusterChannel channel = state.getChannels().stream()
                .filter(c -> c.getId().equals("documented")).findFirst().orElseThrow();
        String other = channel.getOwner().equals("node1") ? "node2" : "node1";
        org.medialive.distributor.client.model.ChannelMove move = cluster.apiMoveChannel("documented",
                new org.medialive.distributor.client.model.ChannelMoveRequest().node(other));
        assertThat(move.getMovingTo()).isEqualTo(other);
        await("moved").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> other.equals(clusterChannel(1, "documented").path("owner").asText()));
        assertThat(api(0).delete("/api/channels/documented").status()).isEqualTo(204);
    }

    @Test
    @Order(9)
    void withZooKeeperUnreachableFromEveryNodeNothingSendsAndTheChannelComesBackOnOneNode() throws Exception {
        int input = Ports.freeUdp();
        try (SenderLog destination = new SenderLog();
             RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0xD)) {
            runWithUdpOutput("quorum", input, destination, pacer);

            // as when the ensemble loses its quorum: no node can know it is the only sender, so none sends
            long cut = System.nanoTime();
            links[0].cut();
            links[1].cut();
            try {
                await("every node's children end").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> ChildProcesses.supervised(data[0]).isEmpty() && ChildProcesses.supervised(data[1]).isEmpty());
                System.out.printf("ZooKeeper unreachable from every node: every output stopped after %d ms%n", (System.nanoTime() - cut) / 1_000_000);
                long stopped = destination.datagrams();
                await("nothing sent while ZooKeeper is away").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                        .until(() -> destination.datagrams() == stopped);
            } finally {
                links[0].heal();
                links[1].heal();
            }
            long healed = System.nanoTime();
            await("the channel running again").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> destination.periods().size() >= 2 && destination.periods().get(destination.periods().size() - 1).last() > healed);
            System.out.printf("ZooKeeper back: output again after %d ms%n", (destination.periods().get(destination.periods().size() - 1).first() - healed) / 1_000_000);
            int owner = owner("quorum");
            // the other node may run other channels (earlier tests): this one is stopped there
            assertThat(api(1 - owner).ok("/api/channels/quorum").path("status").path("state").asText())
                    .as("the channel on the node that does not own it").isEqualTo("stopped");
            List<SenderLog.Period> periods = destination.periods();
            assertOneSenderAtATime(periods);
        }
    }

    @Test
    @Order(10)
    void aNewChannelGoesToTheNodeThatRunsFewerChannels() {
        for (int n = 1; n <= 3; n++) {
            int[] running = {running(0), running(1)};
            String id = "spread-" + n;
            assertThat(api(n % 2).post("/api/channels", "{\"id\":\"" + id + "\",\"input\":{\"port\":" + Ports.freeUdp()
                    + ",\"sourceAddress\":\"127.0.0.1\"},\"started\":true}").status()).isEqualTo(201);
            int owner = owner(id);
            System.out.printf("%s: node1 ran %d channels, node2 %d: owned by node%d%n", id, running[0], running[1], owner + 1);
            if (running[0] != running[1]) {
                assertThat(owner).as("the node with fewer channels (node1 %d, node2 %d)", running[0], running[1])
                        .isEqualTo(running[0] < running[1] ? 0 : 1);
            }
        }
    }

    /** How many started channels the node runs now. */
    private static int running(int node) {
        java.util.Set<String> started = new java.util.HashSet<>();
        api(node).ok("/api/channels").forEach(channel -> {
            if (channel.path("started").asBoolean()) {
                started.add(channel.path("id").asText());
            }
        });
        int count = 0;
        for (JsonNode channel : api(node).ok("/api/cluster").path("channels")) {
            if (channel.path("ownedHere").asBoolean() && started.contains(channel.path("id").asText())) {
                count++;
            }
        }
        return count;
    }

    /** Creates a started channel on node 1 with one UDP output to {@code destination}, feeds it, and waits for the output. */
    private static void runWithUdpOutput(String id, int input, SenderLog destination, RtpPacer pacer) throws Exception {
        assertThat(api(0).post("/api/channels", "{\"id\":\"" + id + "\",\"input\":{\"port\":" + input
                + ",\"sourceAddress\":\"127.0.0.1\"},\"started\":true}").status()).isEqualTo(201);
        assertThat(api(0).post("/api/channels/" + id + "/outputs", "{\"id\":\"udp\",\"url\":\"udp://127.0.0.1:"
                + destination.port() + "\"}").status()).isEqualTo(201);
        pacer.start(new FileInputStream(TestStream.plain(120).toFile()));
        await("output flowing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> destination.datagrams() > 500);
    }

    /** Each sender (source port) of the destination starts after the previous one's last datagram: never two at once. */
    private static void assertOneSenderAtATime(List<SenderLog.Period> periods) {
        for (int i = 1; i < periods.size(); i++) {
            assertThat(periods.get(i).first()).as("sender %d starts after sender %d's last datagram", i, i - 1)
                    .isGreaterThan(periods.get(i - 1).last());
        }
    }

    private static java.util.Set<String> channelIds(int node) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        api(node).ok("/api/channels").forEach(channel -> ids.add(channel.path("id").asText()));
        return ids;
    }

    /** Starts a killed node again on its data directory, for the next tests too, whatever the outcome. */
    record Restarted(int index) implements AutoCloseable {
        @Override
        public void close() {
            nodes[index] = ClusterIT.node(index).start();
            apis[index] = null;
        }
    }

    /** Samples a receiver's file size every 10 ms: when bytes stopped coming and came again. */
    static final class GrowthLog implements AutoCloseable {
        private final List<long[]> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread sampler;

        GrowthLog(SrtReceiver receiver) {
            sampler = new Thread(() -> {
                long last = -1;
                while (!Thread.currentThread().isInterrupted()) {
                    long size = receiver.bytesReceived();
                    if (size != last) {
                        samples.add(new long[] {System.nanoTime(), size});
                        last = size;
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }

        int count() {
            return samples.size();
        }

        /** When the file first grew after a pause of at least 300 ms that ended after {@code moment}; 0 if not yet. */
        long resumedAfter(long moment) {
            long previous = 0;
            for (long[] sample : samples) {
                if (sample[0] > moment && previous > 0 && sample[0] - previous > 300_000_000L) {
                    return sample[0];
                }
                previous = sample[0];
            }
            return 0;
        }

        long lastGrowthBefore(long moment) {
            long last = 0;
            for (long[] sample : samples) {
                if (sample[0] <= moment) {
                    last = sample[0];
                }
            }
            return last;
        }

        @Override
        public void close() {
            sampler.interrupt();
        }
    }
}
