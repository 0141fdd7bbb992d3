package org.medialive.distributor.cluster;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.medialive.distributor.store.SharedDocument;

/**
 * A JSON document in one watched znode (channels, users, tokens). One znode keeps every change
 * atomic and every node's view whole. Versions this node wrote, or older ones, are not told to
 * the listener: an old notification arriving after a local change must not undo it.
 */
final class WatchedZnode implements SharedDocument, AutoCloseable {

    private final CuratorFramework zooKeeper;
    private final String path;
    private final CuratorCache cache;
    /** Delivery has its own lock: a slow listener must not hold up this node's writes. */
    private final Object delivery = new Object();
    private volatile Listener listener;
    /** The znode version of this node's last write. */
    private volatile int written = -1;
    private int delivered = -1;

    WatchedZnode(CuratorFramework zooKeeper, String path) {
        this.zooKeeper = zooKeeper;
        this.path = path;
        this.cache = CuratorCache.build(zooKeeper, path, CuratorCache.Options.SINGLE_NODE_CACHE);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((old, now) -> changed(now))
                .build());
        cache.start();
    }

    String path() {
        return path;
    }

    @Override
    public Versioned read() {
        try {
            Stat stat = new Stat();
            byte[] content = zooKeeper.getData().storingStatIn(stat).forPath(path);
            return new Versioned(content, stat.getVersion());
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

    /** Replaces the content whatever its version. */
    void write(byte[] content) {
        try {
            wrote(zooKeeper.setData().forPath(path, content).getVersion());
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + path + " to ZooKeeper: " + e.getMessage(), e);
        }
    }

    @Override
    public int replace(byte[] content, int version) {
        try {
            int now = zooKeeper.setData().withVersion(version).forPath(path, content).getVersion();
            wrote(now);
            return now;
        } catch (KeeperException.BadVersionException e) {
            return -1;
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + path + " to ZooKeeper: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #replace}, for content merged with another node's version: the watch still delivers
     * it (this node's state does not show the other node's part yet), but nothing older.
     */
    int replaceAndDeliver(byte[] content, int version) {
        try {
            int now = zooKeeper.setData().withVersion(version).forPath(path, content).getVersion();
            wrote(now - 1);
            return now;
        } catch (KeeperException.BadVersionException e) {
            return -1;
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + path + " to ZooKeeper: " + e.getMessage(), e);
        }
    }

    private synchronized void wrote(int version) {
        written = Math.max(written, version);
    }

    /** Whether a version is one this node wrote itself or older than that. */
    boolean notNewerThanOwnWrite(int version) {
        return version <= written;
    }

    @Override
    public void watch(Listener listener) {
        this.listener = listener;
        cache.get(path).ifPresent(this::changed);
    }

    private void changed(ChildData data) {
        synchronized (delivery) {
            Listener told = listener;
            if (told == null || data == null || data.getStat() == null) {
                return;
            }
            int version = data.getStat().getVersion();
            if (version <= delivered || notNewerThanOwnWrite(version)) {
                return;
            }
            delivered = version;
            told.changed(data.getData(), version);
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
