package org.medialive.distributor.cluster;

import org.medialive.distributor.channel.SharedChannels;
import org.medialive.distributor.store.ConfigStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Applies every change of the shared configuration made on another node, within ZooKeeper's
 * notification time (milliseconds). {@link WatchedZnode} skips versions this node wrote, or older.
 */
@Component
@Conditional(ClusterMode.class)
class ConfigWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatch.class);

    private final ZooKeeperConfig config;
    private final ConfigStore store;
    private final SharedChannels channels;

    ConfigWatch(ZooKeeperConfig config, ConfigStore store, SharedChannels channels) {
        this.config = config;
        this.store = store;
        this.channels = channels;
    }

    /** Start-up is over (the stored channels are listed): applies whatever changed since, then every change. */
    void restored() {
        config.watch(this::changed);
    }

    private void changed(byte[] content, int version) {
        try {
            channels.apply(store.parse(content), () -> config.notNewerThanOwnWrite(version));
            if (!config.notNewerThanOwnWrite(version)) { // else a write here cut the apply short: the channels are not this version
                config.based(version, content);
            }
            LOG.info("Applied configuration version {} from ZooKeeper", version);
        } catch (RuntimeException e) {
            // one broken change must not stop the watch: the next good one still applies
            LOG.error("Could not apply configuration version {} from ZooKeeper: {}", version, e.getMessage(), e);
        }
    }
}
