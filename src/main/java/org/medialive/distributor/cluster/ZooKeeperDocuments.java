package org.medialive.distributor.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.medialive.distributor.store.SharedDocument;
import org.medialive.distributor.store.SharedDocuments;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** Shared documents (users, tokens) as watched znodes beside the channels: {@code <base-path>/config/<name>}. */
@Component
@Conditional(ClusterMode.class)
class ZooKeeperDocuments implements SharedDocuments, AutoCloseable {

    private final CuratorFramework zooKeeper;
    private final ClusterProperties cluster;
    private final Map<String, WatchedZnode> documents = new ConcurrentHashMap<>();

    ZooKeeperDocuments(CuratorFramework zooKeeper, ClusterProperties cluster) {
        this.zooKeeper = zooKeeper;
        this.cluster = cluster;
    }

    @Override
    public SharedDocument document(String name) {
        if (name.equals("channels")) {
            throw new IllegalArgumentException("the channels are ZooKeeperConfig's");
        }
        return documents.computeIfAbsent(name, n -> new WatchedZnode(zooKeeper, cluster.documentPath(n)));
    }

    @Override
    public void close() {
        documents.values().forEach(WatchedZnode::close);
    }
}
