package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference data is found from a worktree or the main checkout, and its absence fails instead of skipping. */
class SharedScte35DataTest {

    @Test
    void findsTheDataAboveTheWorkingDirectory() {
        Path found = SharedScte35Data.directory();
        for (String name : SharedScte35Data.STREAMS) {
            assertThat(found.resolve(name + ".ts")).isRegularFile();
            assertThat(found.resolve(name + "_tsduck.txt")).isRegularFile();
        }
    }

    @Test
    void failsWhenTheDataIsMissing(@TempDir Path elsewhere) throws Exception {
        Path repo = Files.createDirectories(elsewhere.resolve("repo/module"));

        assertThatThrownBy(() -> SharedScte35Data.directoryAbove(repo)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("shared/data/scte35");
    }
}
