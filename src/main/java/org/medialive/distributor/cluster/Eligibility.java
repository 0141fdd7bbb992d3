package org.medialive.distributor.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Which nodes may own a channel, and which of its inputs each receives: {@code <base>/allowed/<channel>}
 * holds {@code node} or {@code node=input} entries, comma separated ({@code node1=primary,node2=backup}:
 * MediaLive's pipeline A arrives at node 1, B at node 2); no znode, every node, each receiving every
 * input. One znode for both, so a change of either is one atomic write. A node not allowed stays out
 * of the channel's election (and leaves it, stopping the channel, when a change takes it off the list).
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
        return List.copyOf(entries(channelId).keySet());
    }

    /** The input each listed node receives ("primary" or "backup"); nodes absent here receive both. */
    Map<String, String> inputs(String channelId) {
        Map<String, String> inputs = new LinkedHashMap<>();
        entries(channelId).forEach((node, input) -> {
            if (!input.isEmpty()) {
                inputs.put(node, input);
            }
        });
        return inputs;
    }

    /** The one input {@code node} receives of the channel, if it is assigned one. */
    Optional<String> input(String channelId, String node) {
        return Optional.ofNullable(inputs(channelId).get(node));
    }

    boolean allows(String channelId, String node) {
        List<String> allowed = allowed(channelId);
        return allowed.isEmpty() || allowed.contains(node);
    }

    /** Sets the list; no nodes: any node, each receiving every input. Checked by the caller: inputs name listed nodes only. */
    void set(String channelId, List<String> nodes, Map<String, String> inputs) throws Exception {
        if (nodes.isEmpty()) {
            lists.delete(channelId);
        } else {
            lists.set(channelId, String.join(",", nodes.stream()
                    .map(node -> inputs.containsKey(node) ? node + "=" + inputs.get(node) : node).toList()));
        }
    }

    private Map<String, String> entries(String channelId) {
        Map<String, String> entries = new LinkedHashMap<>();
        lists.get(channelId).filter(list -> !list.isBlank()).ifPresent(list -> {
            for (String entry : list.split(",")) {
                String[] parts = entry.trim().split("=", 2);
                entries.put(parts[0], parts.length == 2 ? parts[1] : "");
            }
        });
        return entries;
    }

    @Override
    public void close() {
        lists.close();
    }
}
