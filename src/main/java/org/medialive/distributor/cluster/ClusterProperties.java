package org.medialive.distributor.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cluster mode (docs/CLUSTER.md), off unless {@code zookeeper} is set.
 *
 * @param zookeeper      ZooKeeper ensemble, {@code host:port,host:port,...}; empty: single-node mode
 * @param nodeId         this node's name in elections and GET /api/cluster; unique in the cluster
 * @param sessionTimeout ZooKeeper session: how long a dead node keeps its channels (the takeover time);
 *                       the lease that fences a cut-off node is half of it
 * @param basePath       the znode under which this cluster keeps its configuration and elections
 * @param auth           {@code user:password} of a ZooKeeper digest identity: every znode this server creates
 *                       is readable and writable by it alone; empty: no ACL (anyone reaching ZooKeeper reads the
 *                       password hashes, token hashes and stream keys in it)
 */
@ConfigurationProperties("distributor.cluster")
public record ClusterProperties(String zookeeper, String nodeId,
                                @DefaultValue("4s") Duration sessionTimeout,
                                @DefaultValue("/medialive-distributor") String basePath,
                                String auth) {

    /** Keeps the digest secret out of anything that prints these properties. */
    @Override
    public String toString() {
        return "ClusterProperties[zookeeper=" + zookeeper + ", nodeId=" + nodeId + ", sessionTimeout=" + sessionTimeout
                + ", basePath=" + basePath + ", auth=" + (auth == null || auth.isBlank() ? "none" : "(set)") + "]";
    }

    public boolean enabled() {
        return zookeeper != null && !zookeeper.isBlank();
    }

    /** The configured node id, else the host name (one node per host). */
    public String node() {
        if (nodeId != null && !nodeId.isBlank()) {
            return nodeId;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("distributor.cluster.node-id is not set and the host has no name: set it", e);
        }
    }

    String configPath() {
        return documentPath("channels");
    }

    /** A shared JSON document beside the channels: users, tokens. */
    String documentPath(String name) {
        return basePath + "/config/" + name;
    }

    String electionsPath() {
        return basePath + "/owners";
    }
}
