package org.medialive.distributor.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.security.LoggedInBrowser;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.ZooKeeperServer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Users and API tokens in cluster mode (issue 27): a real ZooKeeper and two server processes, no
 * media. The first node imports its users.json and tokens.json; a user or token made on one node
 * works on the other within a second; a password change, a deletion or a revocation on one node
 * ends the sessions and live feeds on the other within a second. With distributor.cluster.auth set,
 * a ZooKeeper client without the digest reads none of the znodes, those made before it was set included.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAccessIT {

    private static final String AUTH = "distributor:cluster-access-it-secret";
    private static final String BASE = "/medialive-distributor";
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final int POLICY_VIOLATION = 1008;
    private static final String IMPORTED_TOKEN = "mld_imported-token-value-for-the-cluster-access-it";

    @TempDir
    static Path work;
    static ZooKeeperServer zooKeeper;
    static final DistributorServer[] nodes = new DistributorServer[2];
    static final Api[] admins = new Api[2];

    @BeforeAll
    static void start() throws Exception {
        zooKeeper = ZooKeeperServer.start(work);
        // as a cluster that ran before distributor.cluster.auth was set left them: open to anyone
        try (CuratorFramework earlier = CuratorFrameworkFactory.newClient(zooKeeper.connectString(), new RetryOneTime(100))) {
            earlier.start();
            earlier.create().creatingParentsIfNeeded().forPath(BASE + "/config");
        }
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        for (int i = 0; i < 2; i++) {
            Path data = Files.createDirectories(work.resolve("node" + (i + 1)));
            // node 1 finds ZooKeeper empty and imports its files; node 2's are then replaced by the shared copy
            String user = i == 0 ? "imported" : "ignored";
            Files.writeString(data.resolve("users.json"), "{\"version\":2,\"users\":["
                    + account("admin", bcrypt.encode(DistributorServer.ADMIN_PASSWORD), "admin") + ","
                    + account(user, bcrypt.encode(user + "-password"), "viewer") + "]}");
            if (i == 0) {
                String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(IMPORTED_TOKEN.getBytes(StandardCharsets.UTF_8)));
                Files.writeString(data.resolve("tokens.json"), "{\"version\":1,\"tokens\":[{\"id\":\"" + sha256.substring(0, 12)
                        + "\",\"name\":\"imported\",\"role\":\"viewer\",\"sha256\":\"" + sha256
                        + "\",\"createdBy\":\"admin\",\"created\":\"2026-01-01T00:00:00Z\"}]}");
            }
            nodes[i] = new DistributorServer(data, "cluster-access-node" + (i + 1),
                    "--distributor.cluster.zookeeper=" + zooKeeper.connectString(), "--distributor.cluster.node-id=node" + (i + 1),
                    "--distributor.cluster.session-timeout=3s", "--distributor.cluster.auth=" + AUTH).start();
            admins[i] = nodes[i].api();
        }
    }

    private static String account(String name, String hash, String role) {
        return "{\"username\":\"" + name + "\",\"passwordHash\":\"" + hash + "\",\"role\":\"" + role + "\",\"sessionsEndedAt\":0}";
    }

    @AfterAll
    static void stop() {
        for (DistributorServer node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    private static Api node(int i) {
        return new Api(nodes[i].port());
    }

    /** Waits, from the change's answer, until {@code check} holds, within a second; prints how long it took. */
    private static void withinASecond(String what, java.util.concurrent.Callable<Boolean> check) {
        long answered = System.nanoTime();
        await(what).atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(check);
        System.out.println(what + ": " + (System.nanoTime() - answered) / 1_000_000 + " ms after the answer");
    }

    @Test
    @Order(1)
    void theFirstNodeImportsItsUsersAndTokensOnceTheSecondNodesFilesBecomeCopies() throws Exception {
        assertThat(node(1).as("imported", "imported-password").get("/api/me").status()).isEqualTo(200);
        assertThat(node(1).as("ignored", "ignored-password").get("/api/me").status()).isEqualTo(401);
        assertThat(node(1).withToken(IMPORTED_TOKEN).get("/api/me").status()).isEqualTo(200);
        assertThat(Files.readString(work.resolve("node2/users.json"))).contains("\"imported\"").doesNotContain("\"ignored\"");
        assertThat(Files.readString(work.resolve("node2/tokens.json"))).contains("\"imported\"");
        assertThat(work.resolve("node2/admin-password.txt")).doesNotExist();
    }

    @Test
    @Order(2)
    void aUserCreatedOnOneNodeSignsInOnTheOtherWithinASecond() {
        assertThat(admins[0].post("/api/users", "{\"username\":\"ann\",\"password\":\"ann-password-1\",\"role\":\"viewer\"}").status())
                .isEqualTo(201);
        withinASecond("ann created on node 1 signs in on node 2",
                () -> node(1).as("ann", "ann-password-1").get("/api/me").status() == 200);
        assertThat(admins[1].ok("/api/users").toString()).contains("\"ann\"");
    }

    @Test
    @Order(3)
    void aPasswordChangeOrADeletionOnOneNodeEndsTheSessionsAndLiveFeedsOnTheOther() throws Exception {
        assertThat(admins[0].post("/api/users", "{\"username\":\"bob\",\"password\":\"bob-password-1\",\"role\":\"viewer\"}").status())
                .isEqualTo(201);
        withinASecond("bob created on node 1 signs in on node 2",
                () -> node(1).as("bob", "bob-password-1").get("/api/me").status() == 200);
        LoggedInBrowser bob = new LoggedInBrowser(nodes[1].baseUrl());
        bob.logIn("bob", "bob-password-1");
        CompletableFuture<Integer> bobsFeed = new CompletableFuture<>();
        bob.openLiveFeed(bobsFeed);
        LoggedInBrowser ann = new LoggedInBrowser(nodes[1].baseUrl());
        ann.logIn("ann", "ann-password-1");
        CompletableFuture<Integer> annsFeed = new CompletableFuture<>();
        ann.openLiveFeed(annsFeed);
        assertThat(bob.get("/api/me").statusCode()).isEqualTo(200);

        assertThat(admins[0].put("/api/users/bob/password", "{\"password\":\"bob-password-2\"}").status()).isEqualTo(204);
        withinASecond("bob's session on node 2 refused after the password change on node 1",
                () -> bob.get("/api/me").statusCode() == 401);
        assertThat(bobsFeed.get(1, TimeUnit.SECONDS)).isEqualTo(POLICY_VIOLATION);
        assertThat(node(1).as("bob", "bob-password-2").get("/api/me").status()).isEqualTo(200);
        assertThat(ann.get("/api/me").statusCode()).as("another user's session stays").isEqualTo(200);

        assertThat(admins[0].delete("/api/users/ann").status()).isEqualTo(204);
        withinASecond("ann's session on node 2 refused after her deletion on node 1",
                () -> ann.get("/api/me").statusCode() == 401);
        assertThat(annsFeed.get(1, TimeUnit.SECONDS)).isEqualTo(POLICY_VIOLATION);
    }

    @Test
    @Order(4)
    void aTokenCreatedOnOneNodeWorksOnTheOtherAndItsRevocationIsRefusedThereWithinASecond() throws Exception {
        Api.Response created = admins[0].post("/api/tokens", "{\"name\":\"ci\",\"role\":\"viewer\"}");
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().path("token").asText();
        withinASecond("token created on node 1 accepted on node 2", () -> node(1).withToken(token).get("/api/me").status() == 200);
        CompletableFuture<Integer> feed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + nodes[1].port() + "/ws"), LoggedInBrowser.closeWatcher(feed))
                .get(10, TimeUnit.SECONDS);

        assertThat(admins[0].delete("/api/tokens/" + created.json().path("id").asText()).status()).isEqualTo(204);
        withinASecond("token revoked on node 1 refused on node 2", () -> node(1).withToken(token).get("/api/me").status() == 401);
        assertThat(feed.get(1, TimeUnit.SECONDS)).isEqualTo(POLICY_VIOLATION);
        assertThat(admins[1].ok("/api/tokens").toString()).doesNotContain("\"ci\"");
    }

    @Test
    @Order(5)
    void withoutTheDigestZooKeeperGivesNothingAwayAndEveryZnodeTheNodesMadeIsTheDigestsAlone() throws Exception {
        try (CuratorFramework stranger = CuratorFrameworkFactory.newClient(zooKeeper.connectString(), new RetryOneTime(100))) {
            stranger.start();
            assertThat(stranger.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
            for (String name : List.of("channels", "users", "tokens")) {
                assertThatThrownBy(() -> stranger.getData().forPath(BASE + "/config/" + name))
                        .as(name).isInstanceOf(KeeperException.NoAuthException.class);
            }
            assertThatThrownBy(() -> stranger.setData().forPath(BASE + "/config/users", "{}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        try (CuratorFramework member = CuratorFrameworkFactory.builder().connectString(zooKeeper.connectString())
                .retryPolicy(new RetryOneTime(100)).authorization("digest", AUTH.getBytes(StandardCharsets.UTF_8)).build()) {
            member.start();
            assertThat(member.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
            List<String> znodes = new ArrayList<>();
            collect(member, BASE, znodes);
            assertThat(znodes).contains(BASE + "/config/users", BASE + "/config/tokens", BASE + "/owners");
            for (String znode : znodes) {
                List<ACL> acl = member.getACL().forPath(znode);
                assertThat(acl).as(znode).hasSize(1);
                assertThat(acl.get(0).getId().getScheme()).as(znode).isEqualTo("digest");
                assertThat(acl.get(0).getId().getId()).as(znode).startsWith("distributor:");
            }
            System.out.println(znodes.size() + " znodes, each readable by the digest only: " + znodes);
        }
        JsonNode users = admins[1].ok("/api/users");
        assertThat(users.toString()).as("the nodes work with the digest").contains("\"bob\"");
    }

    @Test
    @Order(6)
    void aNodeWithAnotherIdentityOrNoneRefusesToStartSayingWhy() throws Exception {
        for (String auth : List.of("distributor:another-secret", "")) {
            DistributorServer stranger = new DistributorServer(Files.createDirectories(work.resolve("stranger" + auth.length())),
                    "cluster-access-stranger", "--distributor.cluster.zookeeper=" + zooKeeper.connectString(),
                    "--distributor.cluster.node-id=stranger", "--distributor.cluster.auth=" + auth);
            try {
                assertThat(stranger.startExpectingFailure()).as("exit code, auth '" + auth + "'").isNotZero();
                assertThat(stranger.logText()).contains("distributor.cluster.auth must be the same on every node")
                        .doesNotContain("another-secret");
            } finally {
                stranger.close();
            }
        }
    }

    private static void collect(CuratorFramework client, String path, List<String> into) throws Exception {
        into.add(path);
        for (String child : client.getChildren().forPath(path)) {
            collect(client, path + "/" + child, into);
        }
    }
}
