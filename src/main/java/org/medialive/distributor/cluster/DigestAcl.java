package org.medialive.distributor.cluster;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * distributor.cluster.auth: the nodes authenticate to ZooKeeper with a digest identity and every
 * znode they create (configuration, users, tokens, elections, leases) grants that identity alone
 * all rights. The znodes hold password hashes, token hashes and stream keys.
 */
final class DigestAcl implements ACLProvider {

    private final List<ACL> acl;

    private DigestAcl(String auth) throws NoSuchAlgorithmException {
        // not List.of: ZooKeeper asks the list whether it contains null, which List.of answers with an exception
        this.acl = Collections.singletonList(new ACL(ZooDefs.Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest(auth))));
    }

    /** Adds the identity and the ACLs to the client being built, if {@code auth} is set. */
    static CuratorFrameworkFactory.Builder apply(CuratorFrameworkFactory.Builder builder, String auth) {
        if (auth == null || auth.isBlank()) {
            return builder;
        }
        int colon = auth.indexOf(':');
        if (colon < 1 || colon == auth.length() - 1) {
            // the value itself is a secret: the message must not repeat it
            throw new IllegalStateException("distributor.cluster.auth must be user:password (a ZooKeeper digest identity), e.g. distributor:<secret>");
        }
        try {
            return builder.authorization("digest", auth.getBytes(StandardCharsets.UTF_8)).aclProvider(new DigestAcl(auth));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1, which ZooKeeper's digest ACLs need", e);
        }
    }

    /**
     * Gives the identity's ACL to every znode under {@code basePath} that has another (made before
     * distributor.cluster.auth was set): possible while they are open to anyone, as ZooKeeper's default ACL is.
     * @return how many znodes changed
     */
    static int protectExisting(CuratorFramework client, String basePath, String auth) throws Exception {
        if (client.checkExists().forPath(basePath) == null) {
            return 0;
        }
        if (auth == null || auth.isBlank()) {
            client.getChildren().forPath(basePath); // NoAuth if the other nodes protect it: say so now, not at the first read
            return 0;
        }
        return protect(client, basePath, new DigestAcl(auth).acl);
    }

    private static int protect(CuratorFramework client, String path, List<ACL> acl) throws Exception {
        int changed = 0;
        try {
            if (!client.getACL().forPath(path).equals(acl)) {
                client.setACL().withACL(acl).forPath(path);
                changed++;
            }
            for (String child : client.getChildren().forPath(path)) {
                changed += protect(client, path.equals("/") ? "/" + child : path + "/" + child, acl);
            }
        } catch (KeeperException.NoNodeException gone) {
            // an election entry that went meanwhile: nothing to protect
        }
        return changed;
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return acl;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        return acl;
    }
}
