package org.medialive.distributor.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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
 * Which nodes may own a channel: {@code <base>/allowed/<channel>} holds their ids, comma
 * separated; no znode, every node. A node not allowed stays out of the channel's election (and
 * leaves it, stopping the channel, when a change takes it off the list).
 */
@Component
@Conditional(ClusterMode.class)
class Eligibility implements AutoCloseable {

    private final CuratorFramework zooKeeper;
    private final String path;
    private final CuratorCache cache;
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    Eligibility(CuratorFramework zooKeeper, ClusterProperties cluster) {
        this.zooKeeper = zooKeeper;
        this.path = cluster.basePath() + "/allowed";
        this.cache = CuratorCache.build(zooKeeper, path);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, old, now) -> changed(now != null ? now : old)).build());
        cache.start();
    }

    /** Told the channel id whose list appeared, changed or went. */
    void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** The nodes that may own the channel; empty: any node. */
    List<String> allowed(String channelId) {
        return cache.get(path + "/" + channelId)
                .map(data -> new String(data.getData(), StandardCharsets.UTF_8))
                .filter(list -> !list.isBlank())
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).toList())
                .orElse(List.of());
    }

    boolean allows(String channelId, String node) {
        List<String> allowed = allowed(channelId);
        return allowed.isEmpty() || allowed.contains(node);
    }

    /** Sets the list; empty: any node. */
    void set(String channelId, List<String> nodes) throws Exception {
        String node = path + "/" + channelId;
        if (nodes.isEmpty()) {
            zooKeeper.delete().quietly().forPath(node);
            return;
        }
        byte[] value = String.join(",", nodes).getBytes(StandardCharsets.UTF_8);
        try {
            zooKeeper.create().creatingParentsIfNeeded().forPath(node, value);
        } catch (KeeperException.NodeExistsException e) {
            zooKeeper.setData().forPath(node, value);
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
