package org.medialive.distributor.cluster;

import org.apache.curator.framework.CuratorFramework;
import org.medialive.distributor.store.SharedConfig;
import org.medialive.distributor.store.SharedDocument;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import static org.medialive.distributor.RequestRejectedException.conflict;

/**
 * The channel configuration as one znode holding the data file's JSON. ZooKeeper's 1 MB limit
 * is thousands of channels. Writes are versioned: a node writes only over the version its
 * channels were made from (its <em>base</em>); when another node wrote meanwhile, the two changes
 * are merged ({@link SharedConfig.Merge}) and the merge is written instead, so no change
 * overwrites another.
 */
@Component
@Conditional(ClusterMode.class)
class ZooKeeperConfig implements SharedConfig, AutoCloseable {

    private static final int ATTEMPTS = 5;

    private final WatchedZnode znode;
    /** What this node's channels were made from, and its version. */
    private byte[] base;
    private int baseVersion = -1;
    /** A merge this node wrote that its channels do not show until the watch applies it: write by merging until then. */
    private int mergedVersion = -1;

    ZooKeeperConfig(CuratorFramework zooKeeper, ClusterProperties cluster) {
        this.znode = new WatchedZnode(zooKeeper, cluster.configPath());
    }

    String path() {
        return znode.path();
    }

    @Override
    public byte[] read() {
        SharedDocument.Versioned content = znode.read();
        if (content == null) {
            return null;
        }
        based(content.version(), content.content());
        return content.content();
    }

    @Override
    public boolean createIfAbsent(byte[] content) {
        return znode.createIfAbsent(content);
    }

    @Override
    public synchronized byte[] write(byte[] content, Merge merge) {
        byte[] attempt = content;
        int expected = baseVersion;
        boolean merged = false;
        for (int tries = 0; tries < ATTEMPTS; tries++) {
            if (mergedVersion > baseVersion || tries > 0) {
                SharedDocument.Versioned theirs = znode.read();
                attempt = merge.apply(base, content, theirs.content());
                expected = theirs.version();
                merged = true;
            }
            if (merged) {
                int version = znode.replaceAndDeliver(attempt, expected);
                if (version >= 0) {
                    mergedVersion = version;
                    return attempt;
                }
            } else {
                int version = znode.replace(attempt, expected);
                if (version >= 0) {
                    based(version, attempt);
                    return attempt;
                }
            }
            // another node wrote since: merge with what it stored and try again
        }
        throw conflict("the configuration was changed on other nodes " + ATTEMPTS + " times while this change was being saved; make it again");
    }

    /** This node's channels are now made from {@code version} (read, written, or applied by the watch). */
    synchronized void based(int version, byte[] content) {
        if (version > baseVersion) {
            baseVersion = version;
            base = content;
        }
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
