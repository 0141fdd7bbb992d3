package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The reference data comes with the repository, with its licences, and its absence fails instead of skipping. */
class SharedScte35DataTest {

    @Test
    void findsEveryStreamItsDecodeAndTheLicencesInTheRepository() {
        Path found = SharedScte35Data.directory();
        assertThat(found.toAbsolutePath().normalize())
                .startsWith(Path.of("target", "test-classes").toAbsolutePath().normalize());
        for (String name : SharedScte35Data.STREAMS) {
            assertThat(found.resolve(name + ".ts")).isRegularFile();
            assertThat(found.resolve(name + "_tsduck.txt")).isRegularFile();
        }
        for (String notice : new String[] {"LICENSE-APACHE", "LICENSE-MIT", "README.md"}) {
            assertThat(found.resolve(notice)).isRegularFile();
        }
        assertThat(found.resolve("README.md")).content().contains("moq-dev/moq").contains("MIT OR Apache-2.0");
    }

    @Test
    void failsWhenTheDataIsMissing() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> SharedScte35Data.directoryIn(empty)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("src/test/resources/scte35");
        }
    }
}
