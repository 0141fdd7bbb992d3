package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.store.SharedDocument;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access files against an in-memory stand-in for the znode: one import, whoever comes first;
 * changes on two nodes both kept; changes from elsewhere told with what they replaced.
 */
class AccessFileTest {

    record Names(int version, List<String> names) {

        Names plus(String name) {
            return new Names(1, Stream.concat(names.stream(), Stream.of(name)).toList());
        }
    }

    /** A znode: versions, compare-and-set, one watcher per node (told by {@link #tell}). */
    static final class Znode implements SharedDocument {
        byte[] content;
        int version = -1;
        final List<Listener> watchers = new ArrayList<>();

        @Override
        public synchronized Versioned read() {
            return content == null ? null : new Versioned(content, version);
        }

        @Override
        public synchronized boolean createIfAbsent(byte[] bytes) {
            if (content != null) {
                return false;
            }
            content = bytes;
            version = 0;
            return true;
        }

        @Override
        public synchronized int replace(byte[] bytes, int expected) {
            if (expected != version) {
                return -1;
            }
            content = bytes;
            return ++version;
        }

        @Override
        public synchronized void watch(Listener listener) {
            watchers.add(listener);
        }

        void tell(int watcher, byte[] bytes, int at) {
            watchers.get(watcher).changed(bytes, at);
        }
    }

    @TempDir
    Path dir;
    final ObjectMapper json = new ObjectMapper();
    final Znode znode = new Znode();

    AccessFile<Names> node(String name, SharedDocument shared) throws Exception {
        return new AccessFile<>(Files.createDirectories(dir.resolve(name)).resolve("names.json"), Names.class, json, n -> n, shared);
    }

    @Test
    void theFirstNodeImportsItsFileTheOthersTakeTheSharedCopyAndNeverTheirInitialContent() throws Exception {
        Files.createDirectories(dir.resolve("one"));
        Files.writeString(dir.resolve("one/names.json"), "{\"version\":1,\"names\":[\"from-one\"]}");
        AccessFile<Names> one = node("one", znode);
        AccessFile<Names> two = node("two", znode);
        boolean[] initialAsked = {false};

        assertThat(one.load(() -> new Names(1, List.of("initial")), true)).isTrue();
        assertThat(two.load(() -> {
            initialAsked[0] = true;
            return new Names(1, List.of("initial"));
        }, true)).isFalse();

        assertThat(initialAsked[0]).isFalse();
        assertThat(two.current().names()).containsExactly("from-one");
        assertThat(json.readValue(dir.resolve("two/names.json").toFile(), Names.class).names()).containsExactly("from-one");
    }

    @Test
    void changesMadeOnTwoNodesAtOnceAreBothKeptAndTheSecondNodeLearnsWhatItMissed() throws Exception {
        AccessFile<Names> one = node("one", znode);
        AccessFile<Names> two = node("two", znode);
        one.load(() -> new Names(1, List.of("a")), true);
        two.load(() -> new Names(1, List.of()), true);
        List<Names> toldOne = new ArrayList<>();
        one.onChange((before, after) -> toldOne.add(before));

        two.update(n -> n.plus("x")); // one's watch has not told it yet
        one.update(n -> n.plus("y"));

        assertThat(one.current().names()).containsExactly("a", "x", "y");
        assertThat(toldOne).containsExactly(new Names(1, List.of("a")));
        // the late notification of two's change is older than one's own write: ignored
        znode.tell(0, "{\"version\":1,\"names\":[\"a\",\"x\"]}".getBytes(StandardCharsets.UTF_8), 1);
        assertThat(one.current().names()).containsExactly("a", "x", "y");
    }

    @Test
    void aChangeFromAnotherNodeReplacesTheContentAndTheLocalCopy() throws Exception {
        AccessFile<Names> one = node("one", znode);
        one.load(() -> new Names(1, List.of("a", "b")), true);
        List<List<String>> told = new ArrayList<>();
        one.onChange((before, after) -> told.add(Stream.concat(before.names().stream(), Stream.of("->")).toList()));

        znode.replace("{\"version\":1,\"names\":[\"a\"]}".getBytes(StandardCharsets.UTF_8), 0);
        znode.tell(0, znode.content, 1);

        assertThat(one.current().names()).containsExactly("a");
        assertThat(told).containsExactly(List.of("a", "b", "->"));
        assertThat(Files.readString(dir.resolve("one/names.json"))).doesNotContain("\"b\"");
    }

    @Test
    void singleNodeModeKeepsTheInitialContentInMemoryUnlessAskedToStoreIt() throws Exception {
        AccessFile<Names> alone = node("alone", null);
        alone.load(() -> new Names(1, List.of()), false);
        assertThat(dir.resolve("alone/names.json")).doesNotExist();
        alone.update(n -> n.plus("t"));
        assertThat(json.readValue(dir.resolve("alone/names.json").toFile(), Names.class).names()).containsExactly("t");
    }
}
