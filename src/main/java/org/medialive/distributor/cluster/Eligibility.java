package org.medialive.distributor.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
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

    private final ChannelZnodes lists;

    Eligibility(CuratorFramework zooKeeper, ClusterProperties cluster) {
        this.lists = new ChannelZnodes(zooKeeper, cluster.basePath() + "/allowed");
    }

    /** Told the channel id whose list appeared, changed or went. */
    void onChange(Consumer<String> listener) {
        lists.onChange(listener);
    }

    /** The nodes that may own the channel; empty: any node. */
    List<String> allowed(String channelId) {
        return lists.get(channelId)
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
        if (nodes.isEmpty()) {
            lists.delete(channelId);
        } else {
            lists.set(channelId, String.join(",", nodes));
        }
    }

    @Override
    public void close() {
        lists.close();
    }
}
