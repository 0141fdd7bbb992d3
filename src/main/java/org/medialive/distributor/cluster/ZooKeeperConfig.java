package org.medialive.distributor.cluster;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.medialive.distributor.store.SharedConfig;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The channel configuration as one znode holding the data file's JSON. One znode keeps every
 * change atomic and every node's view whole; ZooKeeper's 1 MB limit is thousands of channels.
 */
@Component
@Conditional(ClusterMode.class)
class ZooKeeperConfig implements SharedConfig {

    private final CuratorFramework zooKeeper;
    private final String path;
    /** The znode version of this node's last write: the watch skips anything not newer. */
    private volatile int written = -1;

    ZooKeeperConfig(CuratorFramework zooKeeper, ClusterProperties cluster) {
        this.zooKeeper = zooKeeper;
        this.path = cluster.configPath();
    }

    String path() {
        return path;
    }

    @Override
    public byte[] read() {
        try {
            return zooKeeper.getData().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + path + " from ZooKeeper: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean createIfAbsent(byte[] content) {
        try {
            zooKeeper.create().creatingParentsIfNeeded().forPath(path, content);
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + path + " in ZooKeeper: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void write(byte[] content) {
        try {
            Stat stat = zooKeeper.setData().forPath(path, content);
            written = Math.max(written, stat.getVersion());
        } catch (Exception e) {
            throw new IllegalStateException("could not write the configuration to ZooKeeper (" + path + "): " + e.getMessage(), e);
        }
    }

    /** Whether a version seen by the watch is one this node wrote itself or older than that. */
    boolean notNewerThanOwnWrite(int version) {
        return version <= written;
    }
}
