package org.medialive.distributor.control;

import java.io.IOException;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ApplicationTestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad requests get the right 4xx and a message that says what to fix; nothing is created. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiErrorsTest {

    private static final String CH = "/api/channels";
    private static final String OUT = "/api/channels/valid/outputs";

    @LocalServerPort
    int port;
    Api api;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        ApplicationTestProperties.register(registry, "api-errors");
    }

    /** Camel starts before each test method (camel-test), so the fixture is made at the first. */
    @BeforeEach
    void createValidChannelAndOutput() {
        api = new Api(port).as("admin", "api-errors-admin-password");
        if (api.get(CH + "/valid").status() == 200) {
            return;
        }
        assertThat(api.post(CH, "{\"id\":\"valid\",\"input\":{\"port\":15500}}").status()).isEqualTo(201);
        assertThat(api.post(OUT, "{\"id\":\"out\",\"url\":\"srt://127.0.0.1:9000\"}").status()).isEqualTo(201);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                arguments("POST", CH, "{}", 400, "input is required"),
                arguments("POST", CH, "{\"input\":{}}", 400, "input.port is required"),
                arguments("POST", CH, "{\"input\":{\"port\":70000}}", 400, "between 1024 and 65535"),
                arguments("POST", CH, "{\"input\":{\"port\":80}}", 400, "below 1024"),
                arguments("POST", CH, "{\"input\":{\"port\":-5}}", 400, "between 1024 and 65535"),
                arguments("POST", CH, "{\"input\":{\"port\":\"5000\"}}", 400, "field 'input.port' has the wrong type"),
                arguments("POST", CH, "{\"id\":\"Bad_Id\",\"input\":{\"port\":15501}}", 400, "channel id must be"),
                arguments("POST", CH, "{\"id\":\"../etc\",\"input\":{\"port\":15501}}", 400, "channel id must be"),
                arguments("POST", CH, "{\"id\":\"valid\",\"input\":{\"port\":15502}}", 409, "already exists"),
                arguments("POST", CH, "{\"id\":\"other\",\"input\":{\"port\":15500}}", 409, "already used by channel 'valid'"),
                arguments("POST", CH, "{\"input\":{\"port\":15503,\"bind\":\"example.com\"}}", 400, "input.bind must be an IP address"),
                arguments("POST", CH, "{\"input\":{\"port\":15503,\"multicastGroup\":\"10.0.0.1\",\"interface\":\"lo\"}}", 400, "must be a multicast address"),
                arguments("POST", CH, "{\"input\":{\"port\":15503,\"multicastGroup\":\"239.1.1.1\"}}", 400, "input.interface is required"),
                arguments("POST", CH, "{\"input\":{\"port\":15503,\"multicastGroup\":\"239.1.1.1\",\"interface\":\"eth99x\"}}", 400, "does not exist on this server"),
                arguments("POST", CH, "{\"input\":{\"port\":15503},\"colour\":\"red\"}", 400, "unknown field 'colour'"),
                arguments("POST", CH, "{\"input\":{\"port\":15503}", 400, "not valid JSON"),
                arguments("POST", CH, "[1,2]", 400, "must be a JSON object"),
                arguments("PUT", CH + "/valid", "{\"id\":\"renamed\",\"input\":{\"port\":15500}}", 400, "differs from the path"),
                arguments("GET", CH + "/nope", null, 404, "no channel with id 'nope'"),
                arguments("POST", CH + "/nope/start", null, 404, "no channel with id 'nope'"),
                arguments("DELETE", CH + "/nope", null, 404, "no channel with id 'nope'"),
                arguments("POST", CH + "/nope/outputs", "{\"url\":\"srt://127.0.0.1:9000\"}", 404, "no channel with id 'nope'"),
                arguments("POST", OUT, "{\"name\":\"no url\"}", 400, "url is required"),
                arguments("POST", OUT, "{\"url\":\"http://cdn.example.com/live\"}", 400, "unknown scheme 'http'"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1\"}", 400, "needs a port"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:900\"}", 400, "between 1024 and 65535"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?mode=rendezvous\"}", 400, "mode must be 'caller'"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?latency=abc\"}", 400, "SRT latency must be a whole number"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?latency=5\"}", 400, "between 20 and 8000"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?passphrase=short\"}", 400, "10 to 79 characters"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?passphrase=0123456789&pbkeylen=20\"}", 400, "16, 24 or 32"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?pbkeylen=16\"}", 400, "needs a passphrase"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?maxbw=1\"}", 400, "unknown SRT option 'maxbw'"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?latency=120&latency=200\"}", 400, "given twice"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000;reboot\"}", 400, "';'"),
                arguments("POST", OUT, "{\"url\":\"srt://:9000?mode=caller\"}", 400, "needs the receiver's host"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000/path\"}", 400, "no path"),
                arguments("POST", OUT, "{\"url\":\"rtmp://live.example.com/app\"}", 400, "application and a stream key"),
                arguments("POST", OUT, "{\"id\":\"out\",\"url\":\"srt://127.0.0.1:9001\"}", 409, "already has an output with id 'out'"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9001\",\"enabled\":\"yes\"}", 400, "field 'enabled' has the wrong type"),
                arguments("GET", OUT + "/nope", null, 404, "has no output with id 'nope'"),
                arguments("PUT", OUT + "/out", "{\"url\":\"srt://127.0.0.1:9000?passphrase=***\"}", 400, "still contains ***"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("badRequests")
    void refusesWithReason(String method, String path, String body, int status, String reason) {
        Api.Response response = switch (method) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "PUT" -> api.put(path, body);
            default -> body == null ? api.post(path) : api.post(path, body);
        };
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.error()).as(response.body()).contains(reason);
    }

    @Test
    void refusedRequestsCreateNothing() {
        assertThat(api.ok(CH).findValuesAsText("id")).containsExactly("valid", "out");
    }
}
