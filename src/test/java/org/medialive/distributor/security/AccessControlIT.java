package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
import org.medialive.distributor.support.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every control surface needs a login; viewers read, operators change, admins manage access; scripts use Basic or tokens. */
class AccessControlIT {

    private static final String VIEWER_PASSWORD = "viewer-password-1";

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api admin;
    static Api viewer;
    static Api nobody;
    static Api operator;

    @BeforeAll
    static void start() {
        server = new DistributorServer(work.resolve("data"), "access").start();
        admin = server.api();
        nobody = server.anonymous();
        assertThat(admin.post("/api/users", "{\"username\":\"watcher\",\"password\":\"" + VIEWER_PASSWORD + "\",\"role\":\"viewer\"}").status()).isEqualTo(201);
        viewer = nobody.as("watcher", VIEWER_PASSWORD);
        assertThat(admin.post("/api/users", "{\"username\":\"shift\",\"password\":\"" + VIEWER_PASSWORD + "\",\"role\":\"operator\"}").status()).isEqualTo(201);
        operator = nobody.as("shift", VIEWER_PASSWORD);
        assertThat(admin.post("/api/channels", "{\"id\":\"guarded\",\"input\":{\"port\":" + Ports.freeUdp() + "}}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** method, path, body, and what a viewer gets: 200-class for reads, 403 for changes. */
    static Stream<Arguments> controlEndpoints() {
        String output = "{\"id\":\"o1\",\"url\":\"srt://127.0.0.1:9000\"}";
        return Stream.of(
                arguments("GET", "/api/channels", null, 200),
                arguments("GET", "/api/channels/guarded", null, 200),
                arguments("GET", "/api/channels/guarded/cues", null, 200),
                arguments("GET", "/api/stats", null, 200),
                arguments("GET", "/api/health", null, 200),
                arguments("GET", "/api/me", null, 200),
                arguments("GET", "/api/openapi.json", null, 200),
                arguments("GET", "/actuator/prometheus", null, 200),
                arguments("GET", "/actuator/health", null, 200),
                arguments("POST", "/api/channels", "{\"input\":{\"port\":" + Ports.freeUdp() + "}}", 403),
                arguments("PUT", "/api/channels/guarded", "{\"name\":\"x\",\"input\":{\"port\":" + Ports.freeUdp() + "}}", 403),
                arguments("POST", "/api/channels/guarded/start", null, 403),
                arguments("POST", "/api/channels/guarded/outputs", output, 403),
                arguments("DELETE", "/api/channels/guarded", null, 403),
                arguments("GET", "/api/users", null, 403),
                arguments("POST", "/api/tokens", "{\"name\":\"x\",\"role\":\"viewer\"}", 403),
                arguments("GET", "/api/audit", null, 403),
                arguments("GET", "/actuator/hawtio/", null, 403),
                arguments("POST", "/actuator/jolokia", "{\"type\":\"version\"}", 403));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("controlEndpoints")
    void anonymousIsRefusedAndViewersOnlyRead(String method, String path, String body, int viewerStatus) {
        Api.Response anonymous = call(nobody, method, path, body);
        assertThat(anonymous.status()).as("anonymous " + method + " " + path).isEqualTo(401);
        assertThat(anonymous.error()).contains("authentication required");
        Api.Response asViewer = call(viewer, method, path, body);
        assertThat(asViewer.status()).as("viewer " + method + " " + path + ": " + asViewer.body()).isEqualTo(viewerStatus);
        if (viewerStatus == 403) {
            assertThat(asViewer.error()).contains("operator role");
        }
    }

    /** method, path, body: what only admins may do. */
    static Stream<Arguments> adminEndpoints() {
        return Stream.of(
                arguments("GET", "/api/users", null),
                arguments("POST", "/api/users", "{\"username\":\"x\",\"password\":\"xxxxxxxxxxxx\",\"role\":\"admin\"}"),
                arguments("PUT", "/api/users/watcher/password", "{\"password\":\"xxxxxxxxxxxx\"}"),
                arguments("DELETE", "/api/users/watcher", null),
                arguments("GET", "/api/tokens", null),
                arguments("POST", "/api/tokens", "{\"name\":\"x\",\"role\":\"admin\"}"),
                arguments("GET", "/api/audit", null),
                arguments("GET", "/actuator/hawtio/", null),
                arguments("POST", "/actuator/jolokia", "{\"type\":\"version\"}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminEndpoints")
    void operatorsDoNotManageUsersTokensAuditOrHawtio(String method, String path, String body) {
        Api.Response asOperator = call(operator, method, path, body);
        assertThat(asOperator.status()).as("operator " + method + " " + path + ": " + asOperator.body()).isEqualTo(403);
        assertThat(asOperator.error()).contains("admin role");
        assertThat(operator.ok("/api/me").path("roles").toString()).isEqualTo("[\"viewer\",\"operator\"]");
    }

    @Test
    void operatorsChangeChannelsAndOutputs() {
        assertThat(operator.post("/api/channels/guarded/outputs", "{\"id\":\"o2\",\"url\":\"srt://127.0.0.1:9000\",\"enabled\":false}").status()).isEqualTo(201);
        assertThat(operator.delete("/api/channels/guarded/outputs/o2").status()).isEqualTo(204);
    }

    @Test
    void operatorsChangeAndProbesStayOpen() {
        assertThat(admin.post("/api/channels/guarded/outputs", "{\"id\":\"o1\",\"url\":\"srt://127.0.0.1:9000\",\"enabled\":false}").status()).isEqualTo(201);
        assertThat(admin.delete("/api/channels/guarded/outputs/o1").status()).isEqualTo(204);
        assertThat(admin.get("/actuator/hawtio/").status()).isEqualTo(200);
        assertThat(admin.ok("/api/me").toString()).contains("\"user\":\"admin\"").contains("[\"viewer\",\"operator\",\"admin\"]");
        assertThat(admin.ok("/api/users").toString()).contains("{\"username\":\"admin\",\"role\":\"admin\"}");
        assertThat(nobody.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(nobody.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void pagesRedirectToTheLoginForm() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void tokensWorkUntilRevokedAndAreShownOnlyOnce() {
        JsonNode issued = admin.post("/api/tokens", "{\"name\":\"grafana\",\"role\":\"viewer\"}").json();
        String token = issued.path("token").asText();
        assertThat(token).startsWith("mld_");
        Api script = nobody.withToken(token);
        assertThat(script.get("/api/channels").status()).isEqualTo(200);
        assertThat(script.post("/api/channels", "{\"input\":{\"port\":" + Ports.freeUdp() + "}}").status()).isEqualTo(403);
        assertThat(admin.get("/api/tokens").body()).contains("grafana").doesNotContain(token);
        assertThat(admin.delete("/api/tokens/" + issued.path("id").asText()).status()).isEqualTo(204);
        assertThat(script.get("/api/channels").status()).isEqualTo(401);
        assertThat(nobody.withToken("mld_not-a-token").get("/api/channels").status()).isEqualTo(401);
    }

    @Test
    void theLoginFormGivesASessionWhoseChangesNeedTheCsrfToken() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        String form = "username=admin&password=" + URLEncoder.encode(DistributorServer.ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf(cookies))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String channel = "{\"input\":{\"port\":" + Ports.freeUdp() + "}}";
        HttpResponse<String> withoutToken = browser.send(HttpRequest.newBuilder(uri("/api/channels"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(channel)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(uri("/api/channels"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf(cookies))
                .POST(HttpRequest.BodyPublishers.ofString(channel)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountForAWhile() {
        assertThat(admin.post("/api/users", "{\"username\":\"target\",\"password\":\"" + VIEWER_PASSWORD + "\",\"role\":\"viewer\"}").status()).isEqualTo(201);
        Api guesser = nobody.as("target", "wrong-password!");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.get("/api/channels").status()).isEqualTo(401);
        }
        Api.Response locked = nobody.as("target", VIEWER_PASSWORD).get("/api/channels");
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.error()).contains("too many failed logins");
        assertThat(viewer.get("/api/channels").status()).as("other users are not affected").isEqualTo(200);
    }

    @Test
    void everyChangeIsAuditedWithWhoWhatWhenAndResult() {
        admin.post("/api/channels", "{\"id\":\"audited\",\"input\":{\"port\":" + Ports.freeUdp() + "}}");
        viewer.delete("/api/channels/audited");
        admin.post("/api/channels", "{\"id\":\"Bad Id\",\"input\":{\"port\":" + Ports.freeUdp() + "}}");
        List<JsonNode> entries = toList(admin.ok("/api/audit?limit=50"));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("user").asText()).isEqualTo("admin");
            assertThat(e.path("action").asText()).isEqualTo("POST /api/channels");
            assertThat(e.path("status").asInt()).isEqualTo(201);
            assertThat(e.path("result").asText()).isEqualTo("done");
            assertThat(e.path("time").asText()).isNotEmpty();
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("user").asText()).isEqualTo("watcher");
            assertThat(e.path("action").asText()).isEqualTo("DELETE /api/channels/audited");
            assertThat(e.path("status").asInt()).isEqualTo(403);
        });
        assertThat(entries).anySatisfy(e -> assertThat(e.path("status").asInt()).isEqualTo(400));
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static String xsrf(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static Api.Response call(Api api, String method, String path, String body) {
        return switch (method) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "PUT" -> api.put(path, body);
            default -> body == null ? api.post(path) : api.post(path, body);
        };
    }
}
