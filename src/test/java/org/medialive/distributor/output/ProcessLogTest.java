package org.medialive.distributor.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessLogTest {

    @TempDir
    Path dir;

    @Test
    void masksSecretsAndStaysWithinItsBound() throws Exception {
        Path file = dir.resolve("out.log");
        try (ProcessLog log = new ProcessLog(file, 8192, 2, List.of("s3cr3t-passphrase"))) {
            for (int i = 0; i < 1000; i++) {
                log.write("err", "line " + i + " passphrase = 's3cr3t-passphrase' " + "x".repeat(40));
            }
        }
        long total = 0;
        for (Path p : List.of(file, dir.resolve("out.log.1"), dir.resolve("out.log.2"))) {
            assertThat(p).exists();
            String text = Files.readString(p);
            assertThat(text).doesNotContain("s3cr3t").contains("***");
            total += Files.size(p);
        }
        assertThat(dir.resolve("out.log.3")).doesNotExist();
        assertThat(total).isLessThanOrEqualTo(3 * 8192);
        assertThat(Files.readString(file)).contains("line 999");
    }
}
