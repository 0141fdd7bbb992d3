package org.medialive.distributor.cluster;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.medialive.distributor.store.SharedConfig;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import static org.medialive.distributor.RequestRejectedException.conflict;

/**
 * The channel configuration as one znode holding the data file's JSON. One znode keeps every
 * change atomic and every node's view whole; ZooKeeper's 1 MB limit is thousands of channels.
 * Writes are versioned: a node writes only over the version its channels were made from (its
 * <em>base</em>); when another node wrote meanwhile, the two changes are merged
 * ({@link SharedConfig.Merge}) and the merge is written instead, so no change overwrites another.
 */
@Component
@Conditional(ClusterMode.class)
class ZooKeeperConfig implements SharedConfig {

    private static final int ATTEMPTS = 5;

    private final CuratorFramework zooKeeper;
    private final String path;
    /** The znode version of this node's last write: the watch skips anything not newer. */
    private volatile int written = -1;
    /** What this node's channels were made from, and its version. */
    private byte[] base;
    private int baseVersion = -1;
    /** A merge this node wrote that its channels do not show until the watch applies it: write by merging until then. */
    private int mergedVersion = -1;

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
            Stat stat = new Stat();
            byte[] content = zooKeeper.getData().storingStatIn(stat).forPath(path);
            based(stat.getVersion(), content);
            return content;
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
    public synchronized byte[] write(byte[] content, Merge merge) {
        try {
            byte[] attempt = content;
            int expected = baseVersion;
            boolean merged = false;
            for (int tries = 0; tries < ATTEMPTS; tries++) {
                if (mergedVersion > baseVersion || tries > 0) {
                    Stat stat = new Stat();
                    byte[] theirs = zooKeeper.getData().storingStatIn(stat).forPath(path);
                    attempt = merge.apply(base, content, theirs);
                    expected = stat.getVersion();
                    merged = true;
                }
                try {
                    int version = zooKeeper.setData().withVersion(expected).forPath(path, attempt).getVersion();
                    if (merged) {
                        // versions up to the one merged with are older than this node's state; the merge itself is not
                        written = Math.max(written, version - 1);
                        mergedVersion = version;
                    } else {
                        written = Math.max(written, version);
                        based(version, attempt);
                    }
                    return attempt;
                } catch (KeeperException.BadVersionException changedMeanwhile) {
                    // another node wrote since: merge with what it stored and try again
                }
            }
            throw conflict("the configuration was changed on other nodes " + ATTEMPTS + " times while this change was being saved; make it again");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not write the configuration to ZooKeeper (" + path + "): " + e.getMessage(), e);
        }
    }

    /** The watch applied {@code version}: this node's channels are now made from it. */
    synchronized void based(int version, byte[] content) {
        if (version > baseVersion) {
            baseVersion = version;
            base = content;
        }
    }

    /** Whether a version seen by the watch is one this node wrote itself or older than that. */
    boolean notNewerThanOwnWrite(int version) {
        return version <= written;
    }
}
