package org.medialive.distributor.cluster;

import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** distributor.cluster.auth: the client's identity and the ACL of every znode it creates, or nothing when empty. */
class DigestAclTest {

    @Test
    void aDigestIdentityAuthenticatesTheClientAndOwnsEveryZnodeAlone() throws Exception {
        CuratorFrameworkFactory.Builder builder = DigestAcl.apply(CuratorFrameworkFactory.builder(), "distributor:s3cret");
        assertThat(builder.getAuthInfos()).singleElement().satisfies(info -> {
            assertThat(info.getScheme()).isEqualTo("digest");
            assertThat(new String(info.getAuth(), StandardCharsets.UTF_8)).isEqualTo("distributor:s3cret");
        });
        ACL acl = builder.getAclProvider().getAclForPath("/medialive-distributor/config/users").get(0);
        assertThat(acl.getPerms()).isEqualTo(ZooDefs.Perms.ALL);
        assertThat(acl.getId().getScheme()).isEqualTo("digest");
        assertThat(acl.getId().getId()).isEqualTo(DigestAuthenticationProvider.generateDigest("distributor:s3cret"))
                .startsWith("distributor:").doesNotContain("s3cret");
        assertThat(builder.getAclProvider().getDefaultAcl()).containsExactly(acl);
    }

    @Test
    void emptyMeansNoIdentityAndZooKeepersDefaultAcl() {
        CuratorFrameworkFactory.Builder builder = DigestAcl.apply(CuratorFrameworkFactory.builder(), "");
        assertThat(builder.getAuthInfos()).isNullOrEmpty();
        assertThat(builder.getAclProvider().getDefaultAcl()).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
    }

    @Test
    void aValueThatIsNotUserColonPasswordIsRefusedWithoutRepeatingIt() {
        for (String wrong : new String[] {"justasecret", ":hunter2x", "someone:"}) {
            assertThatThrownBy(() -> DigestAcl.apply(CuratorFrameworkFactory.builder(), wrong))
                    .hasMessageContaining("must be user:password").hasMessageNotContaining(wrong);
        }
    }
}
