package org.medialive.distributor.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.DistributorServer;

import static org.assertj.core.api.Assertions.assertThat;

/** A damaged or hand-broken data file stops start-up, is named in the message, and is never overwritten. */
class CorruptConfigIT {

    @TempDir
    Path data;

    @Test
    void truncatedJsonStopsStartUpAndStaysUntouched() throws Exception {
        byte[] broken = "{\"version\":1,\"channels\":[{\"id\":\"news\",\"input\":{\"port\":5000".getBytes();
        assertRefused(broken, "line 1");
    }

    @Test
    void aHandEditedInvalidValueStopsStartUpAndStaysUntouched() throws Exception {
        byte[] invalid = """
                {"version":1,"channels":[{"id":"news","name":"News","started":true,
                  "input":{"port":80},"outputs":[]}]}
                """.getBytes();
        assertRefused(invalid, "input.port must be between 1024 and 65535");
    }

    private void assertRefused(byte[] content, String problem) throws Exception {
        Path file = data.resolve("distributor.json");
        Files.write(file, content);
        DistributorServer server = new DistributorServer(data, "corrupt");
        assertThat(server.startExpectingFailure()).isNotZero();
        assertThat(server.logText()).contains(file.toString()).contains(problem).contains("has not been changed");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(data.resolve("distributor.json.tmp")).doesNotExist();
    }
}
