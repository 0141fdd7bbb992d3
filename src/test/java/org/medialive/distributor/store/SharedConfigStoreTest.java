package org.medialive.distributor.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.channel.ChannelDefinition;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cluster mode's configuration store: the data file is imported once, then the shared copy rules. */
class SharedConfigStoreTest {

    @TempDir
    Path data;

    /** ZooKeeper's znode, in memory. */
    static final class Shared implements SharedConfig {
        byte[] content;
        int writes;

        @Override
        public byte[] read() {
            return content;
        }

        @Override
        public boolean createIfAbsent(byte[] initial) {
            if (content != null) {
                return false;
            }
            content = initial;
            return true;
        }

        @Override
        public byte[] write(byte[] changed, Merge merge) {
            content = changed;
            writes++;
            return changed;
        }
    }

    private ConfigStore store(Shared shared) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (shared != null) {
            beans.addBean("shared", shared);
        }
        return new ConfigStore(new DistributorProperties(data, null, null, null, null), beans.getBeanProvider(SharedConfig.class));
    }

    private void file(String channel) throws Exception {
        Files.writeString(data.resolve("distributor.json"), "{\"version\":1,\"channels\":[{\"id\":\"" + channel
                + "\",\"name\":null,\"input\":{\"port\":5000},\"started\":false,\"outputs\":[]}]}");
    }

    @Test
    void aNodeFindingNothingSharedImportsItsFileOnce() throws Exception {
        file("local");
        Shared shared = new Shared();
        assertThat(store(shared).load()).extracting(ChannelDefinition::id).containsExactly("local");
        assertThat(new String(shared.content, StandardCharsets.UTF_8)).contains("\"local\"");

        file("other"); // a second node's file: ignored, the shared copy is there
        assertThat(store(shared).load()).extracting(ChannelDefinition::id).containsExactly("local");
    }

    @Test
    void withoutAFileTheSharedCopyStartsEmpty() {
        Shared shared = new Shared();
        assertThat(store(shared).load()).isEmpty();
        assertThat(shared.content).isNotNull();
    }

    @Test
    void aBrokenFileIsRefusedBeforeItReachesTheOtherNodes() throws Exception {
        Files.writeString(data.resolve("distributor.json"), "{\"version\":1}");
        Shared shared = new Shared();
        assertThatThrownBy(() -> store(shared).load()).isInstanceOf(InvalidConfigException.class);
        assertThat(shared.content).isNull();
    }

    @Test
    void everySaveGoesToTheSharedCopyAndTheLocalFile() throws Exception {
        Shared shared = new Shared();
        ConfigStore store = store(shared);
        store.load();
        store.save(List.of());
        assertThat(shared.writes).isEqualTo(1);
        assertThat(Files.readString(data.resolve("distributor.json"))).isEqualTo(new String(shared.content, StandardCharsets.UTF_8));
    }

    @Test
    void singleNodeModeReadsOnlyTheFile() throws Exception {
        file("local");
        assertThat(store(null).load()).extracting(ChannelDefinition::id).containsExactly("local");
    }
}
