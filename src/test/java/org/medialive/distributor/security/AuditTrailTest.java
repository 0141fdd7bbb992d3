package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.DistributorProperties;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {

    @TempDir
    Path data;

    private AuditTrail trail(String maxSize, int files) {
        DistributorProperties properties = new DistributorProperties(data, null, null, null, null);
        return new AuditTrail(properties, new AuditProperties(DataSize.parse(maxSize), files));
    }

    @Test
    void entriesAreOwnerOnlyAndNamesAreLogSafe() throws Exception {
        AuditTrail trail = trail("10MB", 3);
        trail.record(new AuditTrail.Who("eve\n{\"forged\":1}", "abc123", "192.0.2.1"), "login failed", 401);
        Path file = data.resolve("audit.log");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).hasSize(1);
        JsonNode entry = trail.latest(10).get(0);
        assertThat(entry.path("user").asText()).isEqualTo("eve?{\"forged\":1}");
        assertThat(entry.path("token").asText()).isEqualTo("abc123");
        assertThat(entry.path("address").asText()).isEqualTo("192.0.2.1");
        assertThat(entry.path("result").asText()).isEqualTo("refused");
    }

    @Test
    void rotatesBySizeKeepsTheNewestFilesAndReadsNewestFirstAcrossThem() throws Exception {
        AuditTrail trail = trail("2KB", 2);
        for (int i = 0; i < 200; i++) {
            trail.record(new AuditTrail.Who("user", null, "127.0.0.1"), "POST /api/channels/c" + i, 201);
        }
        assertThat(Files.size(data.resolve("audit.log"))).isLessThanOrEqualTo(2048);
        assertThat(data.resolve("audit.log.1")).exists();
        assertThat(data.resolve("audit.log.2")).exists();
        assertThat(data.resolve("audit.log.3")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("audit.log.2")))).isEqualTo("rw-------");
        List<JsonNode> newest = trail.latest(25);
        assertThat(newest).hasSize(25);
        for (int i = 0; i < 25; i++) {
            assertThat(newest.get(i).path("action").asText()).isEqualTo("POST /api/channels/c" + (199 - i));
        }
    }

    @Test
    void readingTheNewestDoesNotReadTheWholeFile() throws Exception {
        Path file = data.resolve("big.log");
        // a 50 MB file whose head is not even text: reading it whole would be slow and fail to parse
        try (var out = Files.newOutputStream(file)) {
            byte[] junk = new byte[1024 * 1024];
            for (int i = 0; i < 50; i++) {
                out.write(junk);
            }
            out.write("\nfirst\nsecond\nthird\n".getBytes());
        }
        long start = System.nanoTime();
        assertThat(TailLines.read(file, 2)).containsExactly("third", "second");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(500);
        assertThat(TailLines.read(data.resolve("audit-none.log").resolveSibling("big.log"), 3)).containsExactly("third", "second", "first");
    }
}
