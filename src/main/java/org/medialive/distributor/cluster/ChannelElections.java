package org.medialive.distributor.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.medialive.distributor.channel.Placement;
import org.medialive.distributor.channel.SharedChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * One owner per channel: every node that lists a channel joins its election (a view of Camel's
 * ZooKeeperClusterService, namespace {@code channel-<id>}), and a channel runs on the elected
 * node only while that node's {@link Lease} holds. Separate elections spread channels over nodes.
 */
@Component
@Conditional(ClusterMode.class)
class ChannelElections implements Placement, CamelClusterEventListener.Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelElections.class);
    static final String NODES = "nodes";

    private final ZooKeeperClusterService service = new ZooKeeperClusterService();
    private final SharedChannels channels;
    private final Lease lease;
    private final ConfigWatch watch;
    private final Map<String, CamelClusterView> views = new ConcurrentHashMap<>();
    /** Joining, leaving and holding may wait (ZooKeeper, stopping processes): never on the caller's thread. */
    private final ExecutorService work = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cluster-election");
        thread.setDaemon(true);
        return thread;
    });

    ChannelElections(ClusterProperties cluster, CuratorFramework zooKeeper, CamelContext camel, SharedChannels channels,
                     Lease lease, ConfigWatch watch) throws Exception {
        this.channels = channels;
        this.lease = lease;
        this.watch = watch;
        service.setId(cluster.node());
        service.setCuratorFramework(zooKeeper);
        service.setBasePath(cluster.electionsPath());
        camel.addService(service, true, true);
        channels.placement(this);
        lease.onChange(valid -> views.keySet().forEach(this::evaluate));
        // after a lost session Curator leaves the elections; a reconnected node queues up again
        zooKeeper.getConnectionStateListenable().addListener((client, state) -> {
            if (state == org.apache.curator.framework.state.ConnectionState.RECONNECTED) {
                work.execute(this::requeue);
            }
        });
    }

    ZooKeeperClusterService service() {
        return service;
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
        work.execute(() -> {
            try {
                CamelClusterView view = service.getView(namespace(channelId));
                view.addEventListener(this);
                views.put(channelId, view);
                service.startView(view.getNamespace());
                evaluate(channelId);
            } catch (Exception e) {
                LOG.error("Could not join the election of channel {}: {}", channelId, e.getMessage(), e);
            }
        });
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
        String namespace = view.getNamespace();
        if (namespace.startsWith("channel-")) {
            evaluate(namespace.substring("channel-".length()));
        }
    }

    /** Holds the channel exactly while this node is its elected owner with a valid lease; reads the state now, not the event's. */
    private void evaluate(String channelId) {
        work.execute(() -> {
            CamelClusterView view = views.get(channelId);
            boolean elected = view != null && view.getLocalMember().isLeader();
            boolean hold = elected && lease.valid();
            channels.hold(channelId, hold, elected ? "cluster lease lapsed" : "another node owns the channel");
        });
    }

    private void requeue() {
        views.values().stream().filter(view -> !view.getLocalMember().isLeader()).forEach(view -> {
            try {
                service.stopView(view.getNamespace());
                service.startView(view.getNamespace());
            } catch (Exception e) {
                LOG.warn("Could not rejoin the election {}: {}", view.getNamespace(), e.getMessage());
            }
        });
    }

    static String namespace(String channelId) {
        return "channel-" + channelId;
    }
}
