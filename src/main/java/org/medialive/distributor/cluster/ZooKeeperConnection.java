package org.medialive.distributor.cluster;

import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryForever;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** One ZooKeeper session per node: configuration, elections and the lease all ride on it. */
@Configuration
@Conditional(ClusterMode.class)
class ZooKeeperConnection {

    /** Long enough for a ZooKeeper that starts with the nodes (compose, systemd). */
    private static final int FIRST_CONNECT_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperConnection.class);

    @Bean(destroyMethod = "close")
    CuratorFramework zooKeeper(ClusterProperties cluster) throws InterruptedException {
        int session = (int) cluster.sessionTimeout().toMillis();
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(cluster.zookeeper())
                .sessionTimeoutMs(session)
                // a lost connection must be noticed well inside the lease (half the session)
                .connectionTimeoutMs(Math.max(500, session / 3))
                // keep trying: a node without ZooKeeper holds nothing, it has no other way back
                .retryPolicy(new RetryForever(Math.max(100, session / 10)));
        CuratorFramework client = DigestAcl.apply(builder, cluster.auth()).build();
        client.start();
        if (!client.blockUntilConnected(FIRST_CONNECT_SECONDS, TimeUnit.SECONDS)) {
            client.close();
            throw new IllegalStateException("ZooKeeper at " + cluster.zookeeper() + " (distributor.cluster.zookeeper) did not answer within "
                    + FIRST_CONNECT_SECONDS + " s");
        }
        protectExisting(client, cluster);
        return client;
    }

    private static void protectExisting(CuratorFramework client, ClusterProperties cluster) {
        try {
            int changed = DigestAcl.protectExisting(client, cluster.basePath(), cluster.auth());
            if (changed > 0) {
                LOG.info("Gave {} znodes under {} the ACL of distributor.cluster.auth (they were made without it)", changed, cluster.basePath());
            }
        } catch (KeeperException.NoAuthException e) {
            client.close();
            throw new IllegalStateException("the znodes under " + cluster.basePath() + " belong to another ZooKeeper identity:"
                    + " distributor.cluster.auth must be the same on every node", e);
        } catch (Exception e) {
            client.close();
            throw new IllegalStateException("could not check the ACLs under " + cluster.basePath() + " in ZooKeeper: " + e.getMessage(), e);
        }
    }
}
