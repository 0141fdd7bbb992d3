package org.medialive.distributor.cluster;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.medialive.distributor.channel.Placement;
import org.medialive.distributor.channel.SharedChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Where channels run in cluster mode: every node that lists a channel joins its election
 * ({@link Elections}), and the channel runs on the elected node only while that node's
 * {@link Lease} holds ({@link LeaseFence} stops them when it lapses). A node joins a new channel's election later the more channels it holds,
 * so the least loaded node usually wins it. A move asked for ({@link Preferences}) makes every
 * other elected node step aside until the named node holds the channel.
 */
@Component
@Conditional(ClusterMode.class)
class ChannelElections implements Placement, CamelClusterEventListener.Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelElections.class);
    /** Per channel already running here: how much later this node joins a new election (spreads channels). */
    private static final long JOIN_DELAY_PER_CHANNEL_MILLIS = 150;

    private final Elections elections;
    private final SharedChannels channels;
    private final Lease lease;
    private final ConfigWatch watch;
    private final Preferences moves;
    private final Eligibility eligibility;
    private final java.util.Map<String, Object> placing = new java.util.concurrent.ConcurrentHashMap<>();
    /** Joining, leaving and holding may wait (ZooKeeper, stopping processes): never on the caller's thread. */
    private final ScheduledExecutorService work = Executors.newScheduledThreadPool(4, r -> {
        Thread thread = new Thread(r, "cluster-election");
        thread.setDaemon(true);
        return thread;
    });

    ChannelElections(ClusterProperties cluster, CuratorFramework zooKeeper, CamelContext camel, SharedChannels channels,
                     Lease lease, ConfigWatch watch, Preferences moves, Eligibility eligibility) throws Exception {
        this.elections = new Elections(cluster, zooKeeper, camel);
        this.channels = channels;
        this.lease = lease;
        this.watch = watch;
        this.moves = moves;
        this.eligibility = eligibility;
        channels.placement(this);
        lease.onChange(valid -> {
            if (valid) { // a lapse is LeaseFence's
                elections.channels().forEach(this::evaluate);
            }
        });
        moves.onChange(this::evaluate);
        eligibility.onChange(this::eligibilityChanged);
        zooKeeper.getConnectionStateListenable().addListener((client, state) -> {
            if (state == ConnectionState.RECONNECTED) {
                elections.channels().forEach(id -> work.execute(() -> run("rejoin " + id, () -> elections.requeueUnlessLeading(id))));
                work.execute(() -> run("rejoin the node list", elections::rejoinNodes));
            }
        });
    }

    /** For GET /api/cluster: nodes, owners, candidates. */
    Elections elections() {
        return elections;
    }

    private String node() {
        return elections.node();
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
        long held = channels.running();
        work.schedule(() -> run("join the election of " + channelId, () -> {
            if (eligibility.allows(channelId, node())) {
                elections.join(channelId, this);
                evaluate(channelId);
            }
        }), held * JOIN_DELAY_PER_CHANNEL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The nodes allowed to own a channel (or their inputs) changed: join its election, place it again, or stop it and leave. */
    private void eligibilityChanged(String channelId) {
        work.execute(() -> run("apply the nodes allowed for " + channelId, () -> {
            boolean allowed = eligibility.allows(channelId, node());
            boolean joined = elections.channels().contains(channelId);
            if (allowed && !joined && channels.held().containsKey(channelId)) {
                elections.join(channelId, this);
                evaluate(channelId);
            } else if (allowed && joined) {
                evaluate(channelId); // the input this node receives may have changed
            } else if (!allowed && joined) {
                synchronized (placing.computeIfAbsent(channelId, id -> new Object())) {
                    channels.hold(channelId, false, "this node is no longer allowed to own the channel");
                    elections.leave(channelId, this);
                }
            }
        }));
    }

    @Override
    public void unlisted(String channelId) {
        work.execute(() -> run("leave the election of " + channelId, () -> elections.leave(channelId, this)));
    }

    @Override
    public void restored() {
        work.execute(() -> run("join the node list", elections::joinNodes));
        watch.restored();
    }

    @Override
    public void leadershipChanged(CamelClusterView view, CamelClusterMember leader) {
        String channelId = Elections.channelOf(view);
        if (channelId != null) {
            evaluate(channelId);
        }
    }

    /** Holds the channel exactly while this node is its elected owner with a valid lease; reads the state now, not the event's. */
    private void evaluate(String channelId) {
        // one placement at a time per channel: two run side by side could apply an older decision
        // (still elected) after a newer one (stepped aside), and two nodes would hold it (measured)
        work.execute(() -> run("place channel " + channelId, () -> place(channelId)));
    }

    private void place(String channelId) throws Exception {
        synchronized (placing.computeIfAbsent(channelId, id -> new Object())) {
            channels.receiveHere(channelId, eligibility.input(channelId, node()).orElse(null));
            if (!lease.valid()) {
                channels.hold(channelId, false, "cluster lease lapsed");
                return;
            }
            boolean elected = elections.elected(channelId);
            Optional<String> wanted = moves.wanted(channelId);
            boolean stepAside = elected && wanted.isPresent() && !wanted.get().equals(node())
                    && elections.candidates(channelId).contains(wanted.get());
            channels.hold(channelId, elected && !stepAside && lease.valid(),
                    stepAside ? "channel moved to " + wanted.get() : elected ? "cluster lease lapsed" : "another node owns the channel");
            if (!lease.valid()) { // lapsed meanwhile, maybe after LeaseFence ran: release this one too
                channels.hold(channelId, false, "cluster lease lapsed");
            }
            if (stepAside) {
                LOG.info("Channel {}: stepping aside for {}", channelId, wanted.get());
                elections.requeue(channelId);
            } else if (elected && wanted.isPresent() && wanted.get().equals(node())) {
                moves.done(channelId);
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void run(String what, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("Cluster: could not {}: {}", what, e.getMessage(), e);
        }
    }
}
