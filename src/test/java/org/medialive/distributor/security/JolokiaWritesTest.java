package org.medialive.distributor.security;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JolokiaWritesTest {

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void execAndWriteAreChangesReadsAreNot() {
        assertThat(JolokiaWrites.inBody(body("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"}"))).isEmpty();
        assertThat(JolokiaWrites.inBody(body("[{\"type\":\"read\",\"mbean\":\"a:b=c\"},{\"type\":\"EXEC\",\"mbean\":\"org.apache.camel:type=context\","
                + "\"operation\":\"sendStringBody\",\"arguments\":[\"exec:rm\",\"secret-arg\"]}]")))
                .containsExactly("exec org.apache.camel:type=context sendStringBody");
        assertThat(JolokiaWrites.inBody(body("{\"type\":\"write\",\"mbean\":\"x:y=z\",\"attribute\":\"Level\",\"value\":\"v\"}")))
                .containsExactly("write x:y=z Level");
        assertThat(JolokiaWrites.inBody(body("not json"))).containsExactly("unreadable request");
    }

    @Test
    void getRequestsNameTheirWriteInThePath() {
        assertThat(JolokiaWrites.inPath("/actuator/jolokia/exec/org.apache.camel:type=context,name=%22c%22/sendStringBody/exec:id/x"))
                .containsExactly("exec org.apache.camel:type=context,name=\"c\" sendStringBody");
        assertThat(JolokiaWrites.inPath("/actuator/jolokia/read/java.lang:type=Memory")).isEmpty();
    }
}
