package org.medialive.distributor.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.medialive.distributor.channel.Placement;
import org.medialive.distributor.channel.SharedChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * One owner per channel: every node that lists a channel joins its election (a view of Camel's
 * ZooKeeperClusterService, namespace {@code channel-<id>}), and a channel runs on the elected
 * node only while that node's {@link Lease} holds. Separate elections spread channels over nodes;
 * a node joins a new channel's election later the more channels it holds, so the least loaded
 * node usually wins it. A move asked for ({@link Preferences}) makes other elected nodes step aside.
 */
@Component
@Conditional(ClusterMode.class)
class ChannelElections implements Placement, CamelClusterEventListener.Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelElections.class);
    static final String NODES = "nodes";
    private static final String PREFIX = "channel-";
    /** Per channel already held: how much later this node joins a new election (spreads channels). */
    private static final long JOIN_DELAY_PER_CHANNEL_MILLIS = 150;

    private final ZooKeeperClusterService service = new ZooKeeperClusterService();
    private final SharedChannels channels;
    private final Lease lease;
    private final ConfigWatch watch;
    private final Preferences moves;
    private final Map<String, CamelClusterView> views = new ConcurrentHashMap<>();
    /** Joining, leaving and holding may wait (ZooKeeper, stopping processes): never on the caller's thread. */
    private final ScheduledExecutorService work = Executors.newScheduledThreadPool(4, r -> {
        Thread thread = new Thread(r, "cluster-election");
        thread.setDaemon(true);
        return thread;
    });

    ChannelElections(ClusterProperties cluster, CuratorFramework zooKeeper, CamelContext camel, SharedChannels channels,
                     Lease lease, ConfigWatch watch, Preferences moves) throws Exception {
        this.channels = channels;
        this.lease = lease;
        this.watch = watch;
        this.moves = moves;
        service.setId(cluster.node());
        service.setCuratorFramework(zooKeeper);
        service.setBasePath(cluster.electionsPath());
        camel.addService(service, true, true);
        channels.placement(this);
        lease.onChange(valid -> views.keySet().forEach(this::evaluate));
        moves.onChange(this::evaluate);
        // after a lost connection Curator leaves the elections: a reconnected node queues up again
        zooKeeper.getConnectionStateListenable().addListener((client, state) -> {
            if (state == ConnectionState.RECONNECTED) {
                views.keySet().forEach(id -> work.execute(() -> requeueUnlessLeader(id)));
            }
        });
    }

    String node() {
        return service.getId();
    }

    /** The nodes alive now (members of the "nodes" view). */
    List<String> nodes() throws Exception {
        return service.getView(NODES).getMembers().stream().map(CamelClusterMember::getId).sorted().toList();
    }

    /** The elected node of a channel, if any; candidates: the nodes in its election. */
    Optional<String> owner(String channelId) {
        CamelClusterView view = views.get(channelId);
        return view == null ? Optional.empty() : view.getLeader().map(CamelClusterMember::getId);
    }

    List<String> candidates(String channelId) {
        CamelClusterView view = views.get(channelId);
        return view == null ? List.of() : view.getMembers().stream().map(CamelClusterMember::getId).sorted().toList();
    }

    @Override
    public boolean holds(String channelId) {
        return false; // until elected: the election's event starts it
    }

    @Override
    public boolean leaseValid() {
        return lease.valid();
    }

    @Override
    public void listed(String channelId) {
        long held = channels.held().values().stream().filter(Boolean::booleanValue).count();
        work.schedule(() -> join(channelId), held * JOIN_DELAY_PER_CHANNEL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void join(String channelId) {
        try {
            CamelClusterView view = service.getView(PREFIX + channelId);
            view.addEventListener(this);
            views.put(channelId, view);
            service.startView(view.getNamespace());
            evaluate(channelId);
        } catch (Exception e) {
            LOG.error("Could not join the election of channel {}: {}", channelId, e.getMessage(), e);
        }
    }

    @Override
    public void unlisted(String channelId) {
        work.execute(() -> {
            CamelClusterView view = views.remove(channelId);
            if (view != null) {
                try {
                    view.removeEventListener(this);
                    service.releaseView(view);
                } catch (Exception e) {
                    LOG.warn("Could not leave the election of channel {}: {}", channelId, e.getMessage());
                }
            }
        });
    }

    @Override
    public void restored() {
        work.execute(() -> {
            try {
                service.getView(NODES); // membership only: GET /api/cluster lists its members as the live nodes
            } catch (Exception e) {
                LOG.warn("Could not join the node list: {}", e.getMessage());
            }
        });
        watch.restored();
    }

    @Override
    public void leadershipChanged(CamelClusterView view, CamelClusterMember leader) {
        if (view.getNamespace().startsWith(PREFIX)) {
            evaluate(view.getNamespace().substring(PREFIX.length()));
        }
    }

    /** Holds the channel exactly while this node is its elected owner with a valid lease; reads the state now, not the event's. */
    private void evaluate(String channelId) {
        work.execute(() -> {
            boolean elected = elected(channelId);
            Optional<String> wanted = moves.wanted(channelId);
            boolean stepAside = elected && wanted.isPresent() && !wanted.get().equals(node()) && candidates(channelId).contains(wanted.get());
            channels.hold(channelId, elected && !stepAside && lease.valid(),
                    stepAside ? "channel moved to " + wanted.get() : elected ? "cluster lease lapsed" : "another node owns the channel");
            if (stepAside) {
                LOG.info("Channel {}: stepping aside for {}", channelId, wanted.get());
                requeue(channelId);
            } else if (elected && wanted.isPresent() && wanted.get().equals(node())) {
                moves.done(channelId);
            }
        });
    }

    private void requeueUnlessLeader(String channelId) {
        CamelClusterView view = views.get(channelId);
        if (view != null && !view.getLocalMember().isLeader()) {
            requeue(channelId);
        }
    }

    /**
     * Leaves the election and joins it again at the end of the queue. Curator ignores a new attempt
     * while the last one is still ending, so this waits for that, and checks the new one took.
     */
    private void requeue(String channelId) {
        String namespace = PREFIX + channelId;
        try {
            service.stopView(namespace);
            for (int wait = 0; wait < 20 && (leads(channelId) || candidates(channelId).contains(node())); wait++) {
                Thread.sleep(100);
            }
            for (int attempt = 0; attempt < 20 && views.containsKey(channelId); attempt++) {
                service.startView(namespace);
                Thread.sleep(100);
                if (leads(channelId) || candidates(channelId).contains(node())) {
                    return;
                }
                service.stopView(namespace);
            }
            LOG.warn("Could not rejoin the election of channel {}", channelId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Could not rejoin the election of channel {}: {}", channelId, e.getMessage());
        }
    }

    /**
     * Curator believes it leads, and ZooKeeper agrees (the lowest lock node is ours): a node back
     * from a stop may still believe it leads on a session ZooKeeper has already expired.
     */
    private boolean elected(String channelId) {
        CamelClusterView view = views.get(channelId);
        try {
            return view != null && view.getLocalMember().isLeader() && view.getLeader().map(CamelClusterMember::isLocal).orElse(false);
        } catch (RuntimeException noAnswer) {
            return false;
        }
    }

    private boolean leads(String channelId) {
        CamelClusterView view = views.get(channelId);
        return view != null && view.getLocalMember().isLeader();
    }
}
