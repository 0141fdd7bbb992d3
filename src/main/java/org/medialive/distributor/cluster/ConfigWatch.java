package org.medialive.distributor.cluster;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.medialive.distributor.channel.SharedChannels;
import org.medialive.distributor.store.ConfigStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Watches the shared configuration and applies every change made on another node, within
 * ZooKeeper's notification time (milliseconds). Versions this node wrote, or older ones, are
 * skipped: an old notification arriving after a local change must not undo it.
 */
@Component
@Conditional(ClusterMode.class)
class ConfigWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatch.class);

    private final ZooKeeperConfig config;
    private final ConfigStore store;
    private final SharedChannels channels;
    private final CuratorCache cache;
    /** Nothing applies before the stored channels are listed (start-up); then the latest content does. */
    private volatile boolean restored;
    private int applied = -1;

    ConfigWatch(CuratorFramework zooKeeper, ZooKeeperConfig config, ConfigStore store, SharedChannels channels) {
        this.config = config;
        this.store = store;
        this.channels = channels;
        this.cache = CuratorCache.build(zooKeeper, config.path(), CuratorCache.Options.SINGLE_NODE_CACHE);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((old, now) -> changed(now))
                .build());
        cache.start();
    }

    /** Start-up is over: applies whatever changed since the stored channels were read. */
    void restored() {
        restored = true;
        cache.get(config.path()).ifPresent(this::changed);
    }

    private synchronized void changed(ChildData data) {
        if (!restored || data == null || data.getStat() == null) {
            return;
        }
        int version = data.getStat().getVersion();
        if (version <= applied || config.notNewerThanOwnWrite(version)) {
            return;
        }
        applied = version;
        try {
            channels.apply(store.parse(data.getData()), () -> config.notNewerThanOwnWrite(version));
            if (!config.notNewerThanOwnWrite(version)) { // else a write here cut the apply short: the channels are not this version
                config.based(version, data.getData());
            }
            LOG.info("Applied configuration version {} from ZooKeeper", version);
        } catch (RuntimeException e) {
            // one broken change must not stop the watch: the next good one still applies
            LOG.error("Could not apply configuration version {} from ZooKeeper: {}", version, e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
