package org.medialive.distributor.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's ZooKeeperClusterService with one view (a Curator LeaderSelector) per channel,
 * namespace {@code channel-<id>}, plus a "nodes" view every node joins: its members are the live
 * nodes. Calls may wait for ZooKeeper: never on a thread that must not block.
 */
final class Elections {

    private static final Logger LOG = LoggerFactory.getLogger(Elections.class);
    private static final String PREFIX = "channel-";

    private final ZooKeeperClusterService service = new ZooKeeperClusterService();
    private final Map<String, CamelClusterView> views = new ConcurrentHashMap<>();
    private final CuratorFramework zooKeeper;
    private final String path;
    private volatile CamelClusterView nodes;

    Elections(ClusterProperties cluster, CuratorFramework zooKeeper, CamelContext camel) throws Exception {
        this.zooKeeper = zooKeeper;
        this.path = cluster.electionsPath();
        service.setId(cluster.node());
        service.setCuratorFramework(zooKeeper);
        service.setBasePath(cluster.electionsPath());
        camel.addService(service, true, true);
    }

    String node() {
        return service.getId();
    }

    Set<String> channels() {
        return views.keySet();
    }

    /** The channel id of a view, or null for the "nodes" view. */
    static String channelOf(CamelClusterView view) {
        return view.getNamespace().startsWith(PREFIX) ? view.getNamespace().substring(PREFIX.length()) : null;
    }

    void joinNodes() throws Exception {
        nodes = service.getView("nodes");
    }

    /** After a lost connection: Curator left the "nodes" election too. */
    void rejoinNodes() throws Exception {
        if (nodes != null && !nodes().contains(node())) {
            service.stopView("nodes");
            Thread.sleep(100);
            service.startView("nodes");
        }
    }

    List<String> nodes() {
        CamelClusterView view = nodes;
        return view == null ? List.of() : view.getMembers().stream().map(CamelClusterMember::getId).sorted().toList();
    }

    void join(String channelId, CamelClusterEventListener.Leadership listener) throws Exception {
        CamelClusterView view = service.getView(PREFIX + channelId); // started here: joins the queue
        view.addEventListener(listener);
        views.put(channelId, view);
        for (int wait = 0; wait < 10 && !leads(channelId) && !queued(channelId); wait++) {
            Thread.sleep(100);
        }
        if (!leads(channelId) && !queued(channelId)) {
            requeue(channelId); // joined again soon after leaving: Curator ignored the first attempt
        }
    }

    void leave(String channelId, CamelClusterEventListener.Leadership listener) throws Exception {
        CamelClusterView view = views.remove(channelId);
        if (view != null) {
            view.removeEventListener(listener);
            service.releaseView(view);
        }
    }

    /** The elected node; on a node outside the election (not allowed to own it) as its queue in ZooKeeper shows. */
    Optional<String> owner(String channelId) {
        CamelClusterView view = views.get(channelId);
        if (view == null) {
            List<String> queue = queue(channelId);
            return queue.isEmpty() ? Optional.empty() : Optional.of(queue.get(0));
        }
        return view.getLeader().map(CamelClusterMember::getId);
    }

    /** The nodes in the channel's election, sorted. */
    List<String> candidates(String channelId) {
        CamelClusterView view = views.get(channelId);
        if (view == null) {
            return queue(channelId).stream().sorted().toList();
        }
        return view.getMembers().stream().map(CamelClusterMember::getId).sorted().toList();
    }

    /**
     * The election as ZooKeeper holds it, for a node that does not take part: the lock znodes of
     * Curator's LeaderSelector under {@code <elections>/channel-<id>}, lowest (the leader) first,
     * each holding its node's id. Empty when ZooKeeper cannot say.
     */
    private List<String> queue(String channelId) {
        List<String> ids = new java.util.ArrayList<>();
        try {
            for (String lock : org.apache.curator.framework.recipes.locks.LockInternals.getParticipantNodes(zooKeeper,
                    path + "/" + PREFIX + channelId, "lock-", new org.apache.curator.framework.recipes.locks.StandardLockInternalsDriver())) {
                try {
                    ids.add(new String(zooKeeper.getData().forPath(lock), java.nio.charset.StandardCharsets.UTF_8));
                } catch (org.apache.zookeeper.KeeperException.NoNodeException gone) {
                    // that node left meanwhile
                }
            }
        } catch (Exception noAnswer) {
            return List.of();
        }
        return ids;
    }

    /**
     * Curator believes this node leads, and ZooKeeper agrees (the lowest lock node is ours): a node
     * back from a stop may still believe it leads on a session ZooKeeper has already expired.
     */
    boolean elected(String channelId) {
        CamelClusterView view = views.get(channelId);
        try {
            return view != null && view.getLocalMember().isLeader() && view.getLeader().map(CamelClusterMember::isLocal).orElse(false);
        } catch (RuntimeException noAnswer) {
            return false;
        }
    }

    /**
     * Leaves the election and joins it again at the end of the queue (a leader gives up). Curator
     * ignores a new attempt while the last one is still ending: this waits for that, and checks the
     * new one took.
     */
    void requeue(String channelId) throws Exception {
        String namespace = PREFIX + channelId;
        service.stopView(namespace);
        for (int wait = 0; wait < 20 && (leads(channelId) || queued(channelId)); wait++) {
            Thread.sleep(100);
        }
        for (int attempt = 0; attempt < 20 && views.containsKey(channelId); attempt++) {
            service.startView(namespace);
            Thread.sleep(100);
            if (leads(channelId) || queued(channelId)) {
                return;
            }
            service.stopView(namespace);
        }
        LOG.warn("Could not rejoin the election of channel {}", channelId);
    }

    /** After a lost connection Curator has left every election: queue up again where not leading. */
    void requeueUnlessLeading(String channelId) throws Exception {
        if (views.containsKey(channelId) && !leads(channelId) && !queued(channelId)) {
            requeue(channelId);
        }
    }

    private boolean leads(String channelId) {
        CamelClusterView view = views.get(channelId);
        return view != null && view.getLocalMember().isLeader();
    }

    private boolean queued(String channelId) {
        return candidates(channelId).contains(node());
    }
}
