package org.medialive.distributor.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Fencing: this node may write to outputs only while its last answered ZooKeeper request was
 * SENT less than half a session ago. ZooKeeper expires the session (and so hands the channel to
 * another node) no earlier than a whole session after it last heard from us, so the lease ends
 * first, whatever the reason for the silence: network cut, ZooKeeper down, or this JVM stopped
 * (SIGSTOP, a long GC pause). A node resumed after a stop finds its lease lapsed on its first
 * check, before it writes anything. Checked on every write and by a timer that stops channels.
 */
@Component
@Conditional(ClusterMode.class)
class Lease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lease.class);
    /** How often the lapse is looked for; the write path checks at every datagram anyway. */
    private static final long CHECK_MILLIS = 100;

    private final CuratorFramework zooKeeper;
    private final String probePath;
    private final long configuredSessionNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cluster-lease");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean connected = true;
    /** System.nanoTime() at which the last request that ZooKeeper answered was sent. */
    private volatile long lastContact = System.nanoTime();
    private volatile long leaseNanos;
    private boolean wasValid = true;

    Lease(CuratorFramework zooKeeper, ClusterProperties cluster) {
        this.zooKeeper = zooKeeper;
        this.probePath = cluster.basePath();
        this.configuredSessionNanos = cluster.sessionTimeout().toNanos();
        this.leaseNanos = configuredSessionNanos / 2;
        zooKeeper.getConnectionStateListenable().addListener((client, state) -> connectionChanged(state));
        long probeMillis = Math.max(50, cluster.sessionTimeout().toMillis() / 8);
        timer.scheduleWithFixedDelay(this::probe, 0, probeMillis, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Cheap (one nanoTime): called for every datagram written to outputs. */
    boolean valid() {
        return connected && System.nanoTime() - lastContact < leaseNanos;
    }

    /** Told true when the lease is renewed after a lapse, false when it lapses; on the lease's thread. */
    void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    private void connectionChanged(ConnectionState state) {
        connected = state.isConnected();
        LOG.info("ZooKeeper connection {}", state);
        if (!connected) {
            timer.execute(this::check); // at once, not at the next tick
        }
    }

    private void probe() {
        long sent = System.nanoTime();
        try {
            zooKeeper.checkExists().inBackground((client, event) -> {
                if (event.getResultCode() == 0 || event.getResultCode() == -101) { // OK or NONODE: ZooKeeper answered
                    lastContact = Math.max(lastContact, sent);
                }
            }).forPath(probePath);
            // the session ZooKeeper granted may be shorter than asked for; the lease follows it
            int negotiated = zooKeeper.getZookeeperClient().getZooKeeper().getSessionTimeout();
            if (negotiated > 0) {
                leaseNanos = Math.min(configuredSessionNanos, TimeUnit.MILLISECONDS.toNanos(negotiated)) / 2;
            }
        } catch (Exception e) {
            LOG.debug("ZooKeeper probe failed: {}", e.getMessage());
        }
    }

    private void check() {
        boolean valid = valid();
        if (valid != wasValid) {
            wasValid = valid;
            LOG.warn(valid ? "Cluster lease renewed: this node may own channels again"
                    : "Cluster lease lapsed (no answer from ZooKeeper for half a session): stopping every channel this node owns");
            listeners.forEach(listener -> listener.accept(valid));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
