package org.medialive.distributor.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.ZooKeeperServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.medialive.distributor.ui.DashboardPage.awaitLive;
import static org.medialive.distributor.ui.DashboardPage.click;
import static org.medialive.distributor.ui.DashboardPage.logIn;
import static org.medialive.distributor.ui.DashboardPage.looksRightOnAPhone;

/**
 * Issue 27 in a real browser: two nodes on one ZooKeeper. Both dashboards show the same owner
 * of a (stopped) channel; moving it from node 1's dashboard makes both show the other node;
 * a bad move shows the API's reason; the allowed nodes are edited; a viewer sees the owner but
 * neither control.
 */
class ClusterDashboardIT {

    private static final By OWNER_CELL = By.cssSelector("tr[data-key='relay'] td[data-label='Owner'] .owner");
    private static final By CHANNEL_OWNER = By.cssSelector("[data-section='cluster'] [data-stat='owner'] .owner");

    /** Counts the page's GET /api/cluster: asked once for the mode, then pushed over /ws (polling would keep the session alive). */
    private static final String COUNT_CLUSTER_GETS = """
            window.clusterGets = 0;
            const realFetch = window.fetch;
            window.fetch = (url, options) => {
              if (String(url).endsWith('/api/cluster')) window.clusterGets++;
              return realFetch(url, options);
            };
            """;

    @TempDir
    Path work;

    @Test
    void bothDashboardsShowTheOwnerAndAnOperatorMovesTheChannel() throws Exception {
        try (ZooKeeperServer zooKeeper = ZooKeeperServer.start(work);
             DistributorServer node1 = node(zooKeeper, 1).start();
             DistributorServer node2 = node(zooKeeper, 2).start()) {
            Api api1 = node1.api();
            Api api2 = node2.api();
            assertThat(api1.post("/api/channels", "{\"id\":\"relay\",\"input\":{\"port\":" + Ports.freeUdp()
                    + ",\"sourceAddress\":\"127.0.0.1\"},\"backupInput\":{\"port\":" + Ports.freeUdp() + "}}").status()).isEqualTo(201);
            String owner = await("one owner, the same on both nodes").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> owner(api1), o -> !o.isEmpty() && o.equals(owner(api2)));
            String other = owner.equals("node1") ? "node2" : "node1";

            try (Browser one = Browser.start(work.resolve("profile-1"), "cluster-node1", 1280, 900);
                 Browser two = Browser.start(work.resolve("profile-2"), "cluster-node2", 1280, 900)) {
                two.addInitScript(COUNT_CLUSTER_GETS);
                logIn(one, node1.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
                logIn(two, node2.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
                awaitLive(one);
                awaitLive(two);
                one.awaitText(By.id("cluster"), "node 1's header", t -> t.contains("Node node1 · alive: node1, node2"));
                two.awaitText(By.id("cluster"), "node 2's header", t -> t.contains("Node node2 · alive: node1, node2"));
                awaitOwner(one, OWNER_CELL, owner);
                awaitOwner(two, OWNER_CELL, owner);
                one.screenshot("overview");
                looksRightOnAPhone(one, "phone-overview");

                one.open(node1.baseUrl() + "/#/channel/relay");
                awaitOwner(one, CHANNEL_OWNER, owner);
                one.awaitText(By.cssSelector("[data-stat='candidates']"), "both nodes in the election", "node1, node2"::equals);
                one.awaitText(By.cssSelector("[data-stat='allowedNodes']"), "allowed nodes", "any node"::equals);
                moveFromTheDashboard(one, other);
                awaitOwner(one, CHANNEL_OWNER, other);
                awaitOwner(two, OWNER_CELL, other);
                assertThat(two.script("return window.clusterGets")).as("GET /api/cluster on node 2's page: the mode only, the rest is pushed")
                        .isEqualTo(1L);
                click(two, two.visible(By.cssSelector("button[data-layout='grid']")));
                awaitOwner(two, By.cssSelector(".tile[data-channel='relay'] .owner"), other);
                two.screenshot("wall");
                click(two, two.visible(By.cssSelector("button[data-layout='list']")));
                one.awaitText(By.cssSelector("[data-stat='moving']"), "the move done", ("Moved to " + other + ".")::equals);
                assertThat(owner(api1)).isEqualTo(other);
                assertThat(owner(api2)).isEqualTo(other);
                one.screenshot("channel-moved");

                // a node outside the election (offered by no one: put in the list by hand) gets the API's reason
                one.script("const s = document.querySelector('form[data-form=move] select'); s.add(new Option('nobody', 'nobody')); s.value = 'nobody'");
                click(one, one.visible(By.cssSelector("button[data-action='move']")));
                click(one, one.visible(By.cssSelector("dialog[open] button[data-action='confirm']")));
                one.awaitText(By.cssSelector("form[data-form='move'] .form-error"), "the API's reason",
                        t -> t.startsWith("Could not move the channel: node 'nobody' is not in channel 'relay''s election now"));

                // MediaLive's pipelines, one per node (set through the API): shown, and kept by the editor below
                assertThat(api1.put("/api/channels/relay/nodes", "{\"nodes\":[\"node1\",\"node2\"],\"inputs\":{\"node1\":\"primary\",\"node2\":\"backup\"}}")
                        .status()).isEqualTo(200);
                one.awaitText(By.cssSelector("[data-stat='allowedNodes']"), "the input of each node",
                        "node1 (primary input), node2 (backup input)"::equals);
                editAllowedNodes(one, two, other, api2);
            }

            assertThat(api1.post("/api/users", "{\"username\":\"vic\",\"password\":\"vic-viewer-pw1\",\"role\":\"viewer\"}").status()).isEqualTo(201);
            try (Browser viewer = Browser.start(work.resolve("profile-3"), "cluster-viewer", 1280, 900)) {
                logIn(viewer, node1.baseUrl(), "vic", "vic-viewer-pw1");
                awaitLive(viewer);
                awaitOwner(viewer, OWNER_CELL, other);
                viewer.open(node1.baseUrl() + "/#/channel/relay");
                awaitOwner(viewer, CHANNEL_OWNER, other);
                assertThat(viewer.driver().findElements(By.cssSelector("main button, main form, main select"))).as("controls for a viewer").isEmpty();
                viewer.screenshot("viewer-channel");
            }
        }
    }

    private DistributorServer node(ZooKeeperServer zooKeeper, int n) throws java.io.IOException {
        return new DistributorServer(Files.createDirectories(work.resolve("node" + n)), "cluster-dashboard-node" + n,
                "--distributor.cluster.zookeeper=" + zooKeeper.connectString(), "--distributor.cluster.node-id=node" + n,
                "--distributor.cluster.session-timeout=3s");
    }

    private static String owner(Api api) {
        for (JsonNode channel : api.ok("/api/cluster").path("channels")) {
            if (channel.path("id").asText().equals("relay")) {
                return channel.path("owner").asText("");
            }
        }
        return "";
    }

    private static void awaitOwner(Browser browser, By badge, String node) {
        browser.await("owner " + node + " shown (" + badge + ")", Duration.ofSeconds(20),
                d -> d.findElements(badge).stream().anyMatch(e -> node.equals(e.getAttribute("data-owner")) && e.getText().contains(node)));
    }

    /** Every node's dashboard names the owner, also a node outside the channel's election (not allowed to own it). */
    private static void awaitOwnerAsSeenBy(Browser browser, By badge, String owner, String servedBy) {
        awaitOwner(browser, badge, owner);
    }

    private static void moveFromTheDashboard(Browser browser, String target) {
        WebElement select = browser.visible(By.cssSelector("form[data-form='move'] select"));
        assertThat(browser.script("return document.querySelector(\"label[for='\" + arguments[0].id + \"']\").textContent", select)).isEqualTo("Move to…");
        browser.await("the other node offered", d -> select.getText().trim().equals(target));
        click(browser, browser.visible(By.cssSelector("button[data-action='move']")));
        browser.awaitText(By.cssSelector("dialog[open]"), "asked first", t -> t.contains("Move channel relay to " + target + "?"));
        click(browser, browser.visible(By.cssSelector("dialog[open] button[data-action='confirm']")));
    }

    /**
     * Only {@code node} may own it, then any node again: the API shows each choice. The node left
     * out leaves the channel's election; its dashboard still names the owner (read from ZooKeeper).
     */
    private static void editAllowedNodes(Browser browser, Browser two, String node, Api api) {
        click(browser, browser.visible(By.cssSelector("summary[data-action='open-allowed-nodes']")));
        WebElement form = browser.visible(By.cssSelector("form[data-form='allowed-nodes']"));
        click(browser, form.findElement(By.cssSelector("input[value='only']")));
        for (WebElement box : form.findElements(By.cssSelector("input[type='checkbox']"))) {
            if (box.isSelected() != box.getAttribute("value").equals(node)) { // ticked as the API set them: leave only node ticked
                click(browser, box);
            }
        }
        click(browser, form.findElement(By.cssSelector("button[data-action='save-allowed-nodes']")));
        await("only " + node + " allowed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> allowed(api).equals("[\"" + node + "\"]"));
        String input = node.equals("node1") ? "primary" : "backup";
        assertThat(inputs(api)).as("the input of the node left allowed is kept").isEqualTo("{\"" + node + "\":\"" + input + "\"}");
        browser.awaitText(By.cssSelector("[data-stat='allowedNodes']"), "allowed nodes shown", (node + " (" + input + " input)")::equals);
        awaitOwnerAsSeenBy(browser, CHANNEL_OWNER, node, "node1");
        awaitOwnerAsSeenBy(two, OWNER_CELL, node, "node2");
        browser.screenshot("allowed-nodes");

        click(browser, form.findElement(By.cssSelector("input[value='any']")));
        click(browser, form.findElement(By.cssSelector("button[data-action='save-allowed-nodes']")));
        await("any node allowed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> allowed(api).equals("[]"));
        browser.awaitText(By.cssSelector("[data-stat='allowedNodes']"), "any node shown", "any node"::equals);
    }

    private static String inputs(Api api) {
        for (JsonNode channel : api.ok("/api/cluster").path("channels")) {
            if (channel.path("id").asText().equals("relay")) {
                return channel.path("inputs").toString();
            }
        }
        return "";
    }

    private static String allowed(Api api) {
        for (JsonNode channel : api.ok("/api/cluster").path("channels")) {
            if (channel.path("id").asText().equals("relay")) {
                return channel.path("allowedNodes").toString();
            }
        }
        return "";
    }
}
