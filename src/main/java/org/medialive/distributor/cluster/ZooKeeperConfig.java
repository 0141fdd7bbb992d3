package org.medialive.distributor.cluster;

import org.apache.curator.framework.CuratorFramework;
import org.medialive.distributor.store.SharedConfig;
import org.medialive.distributor.store.SharedDocument;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The channel configuration as one znode holding the data file's JSON. ZooKeeper's 1 MB limit
 * is thousands of channels. Writes are unconditional: the channel service serialises them.
 */
@Component
@Conditional(ClusterMode.class)
class ZooKeeperConfig implements SharedConfig, AutoCloseable {

    private final WatchedZnode znode;

    ZooKeeperConfig(CuratorFramework zooKeeper, ClusterProperties cluster) {
        this.znode = new WatchedZnode(zooKeeper, cluster.configPath());
    }

    String path() {
        return znode.path();
    }

    @Override
    public byte[] read() {
        SharedDocument.Versioned content = znode.read();
        return content == null ? null : content.content();
    }

    @Override
    public boolean createIfAbsent(byte[] content) {
        return znode.createIfAbsent(content);
    }

    @Override
    public void write(byte[] content) {
        znode.write(content);
    }

    /** Whether a version seen by the watch is one this node wrote itself or older than that. */
    boolean notNewerThanOwnWrite(int version) {
        return znode.notNewerThanOwnWrite(version);
    }

    void watch(SharedDocument.Listener listener) {
        znode.watch(listener);
    }

    @Override
    public void close() {
        znode.close();
    }
}
