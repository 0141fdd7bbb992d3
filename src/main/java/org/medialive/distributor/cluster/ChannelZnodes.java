package org.medialive.distributor.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.KeeperException;

/**
 * A watched ZooKeeper folder with one text znode per channel ({@code <folder>/<channel id>}):
 * read from the local cache, written by any node, every change told to the listeners.
 */
final class ChannelZnodes implements AutoCloseable {

    private final CuratorFramework zooKeeper;
    private final String folder;
    private final CuratorCache cache;
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    ChannelZnodes(CuratorFramework zooKeeper, String folder) {
        this.zooKeeper = zooKeeper;
        this.folder = folder;
        this.cache = CuratorCache.build(zooKeeper, folder);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, old, now) -> changed(now != null ? now : old)).build());
        cache.start();
    }

    /** Told the channel id whose znode appeared, changed or went. */
    void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    Optional<String> get(String channelId) {
        return cache.get(folder + "/" + channelId).map(data -> new String(data.getData(), StandardCharsets.UTF_8));
    }

    void set(String channelId, String value) throws Exception {
        String node = folder + "/" + channelId;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        try {
            zooKeeper.create().creatingParentsIfNeeded().forPath(node, bytes);
        } catch (KeeperException.NodeExistsException e) {
            zooKeeper.setData().forPath(node, bytes);
        }
    }

    void delete(String channelId) throws Exception {
        zooKeeper.delete().quietly().forPath(folder + "/" + channelId);
    }

    private void changed(ChildData data) {
        if (data == null || data.getPath().equals(folder)) {
            return;
        }
        String channelId = data.getPath().substring(folder.length() + 1);
        listeners.forEach(listener -> listener.accept(channelId));
    }

    @Override
    public void close() {
        cache.close();
    }
}
