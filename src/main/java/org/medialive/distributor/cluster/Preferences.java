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
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Moves asked for through the API: {@code <base>/moves/<channel>} holds the node a channel
 * should move to. Every node watches them; the owner steps aside, and so does any other node
 * elected meanwhile, until the wanted node holds the channel and deletes the request.
 */
@Component
@Conditional(ClusterMode.class)
class Preferences implements AutoCloseable {

    private final CuratorFramework zooKeeper;
    private final String path;
    private final CuratorCache cache;
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    Preferences(CuratorFramework zooKeeper, ClusterProperties cluster) {
        this.zooKeeper = zooKeeper;
        this.path = cluster.basePath() + "/moves";
        this.cache = CuratorCache.build(zooKeeper, path);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, old, now) -> changed(now != null ? now : old)).build());
        cache.start();
    }

    /** Told the channel id whose move request appeared, changed or went. */
    void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** The node a channel should move to, if a move is under way. */
    Optional<String> wanted(String channelId) {
        return cache.get(path + "/" + channelId).map(data -> new String(data.getData(), StandardCharsets.UTF_8));
    }

    void request(String channelId, String node) throws Exception {
        byte[] value = node.getBytes(StandardCharsets.UTF_8);
        try {
            zooKeeper.create().creatingParentsIfNeeded().forPath(path + "/" + channelId, value);
        } catch (KeeperException.NodeExistsException e) {
            zooKeeper.setData().forPath(path + "/" + channelId, value);
        }
    }

    /** The move is done (or the channel gone): later ownership follows the elections alone. */
    void done(String channelId) {
        try {
            zooKeeper.delete().quietly().forPath(path + "/" + channelId);
        } catch (Exception e) {
            // left behind, it is ignored once its node holds the channel, and gone with the channel
        }
    }

    private void changed(ChildData data) {
        if (data == null || data.getPath().equals(path)) {
            return;
        }
        String channelId = data.getPath().substring(path.length() + 1);
        listeners.forEach(listener -> listener.accept(channelId));
    }

    @Override
    public void close() {
        cache.close();
    }
}
