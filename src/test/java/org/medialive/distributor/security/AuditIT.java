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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail of a real server: logins, failures, lockouts, logouts, refusals, Jolokia writes and
 * token calls by token id, with the client's address (the test is the trusted proxy 127.0.0.1 and
 * names each client in X-Forwarded-For); the file is owner-only and rotated.
 */
class AuditIT {

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api admin;
    static Api nobody;

    @BeforeAll
    static void start() {
        server = new DistributorServer(work.resolve("data"), "audit", "--distributor.security.trusted-proxies=127.0.0.1",
                "--distributor.login.address-attempts=8", "--distributor.login.tracked=5", "--distributor.audit.max-size=6KB", "--distributor.audit.files=2").start();
        admin = server.api();
        nobody = server.anonymous();
        assertThat(admin.post("/api/users", "{\"username\":\"watcher\",\"password\":\"watcher-password-1\",\"role\":\"viewer\"}").status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Api.Response from(String client, Api api, String method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("X-Forwarded-For", client);
        return api.send(method.equals("GET") ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{\"input\":{\"port\":" + Ports.freeUdp() + "}}")));
    }

    private static List<JsonNode> entries() {
        List<JsonNode> list = new ArrayList<>();
        admin.ok("/api/audit?limit=1000").forEach(list::add);
        return list;
    }

    private static JsonNode awaitEntry(Predicate<JsonNode> wanted) {
        await().until(() -> entries().stream().anyMatch(wanted));
        return entries().stream().filter(wanted).findFirst().orElseThrow();
    }

    @Test
    void failuresLockoutsAndTheirRefusalsWithLogSafeNames() {
        Api guesser = nobody.as("eve\r\nINFO forged line", "wrong-password!");
        for (int i = 0; i < 5; i++) {
            assertThat(from("198.51.100.20", guesser, "GET", "/api/channels").status()).isEqualTo(401);
        }
        assertThat(from("198.51.100.20", guesser, "GET", "/api/channels").error()).contains("too many failed logins");
        JsonNode failed = awaitEntry(e -> e.path("action").asText().equals("login failed") && e.path("address").asText().equals("198.51.100.20"));
        assertThat(failed.path("user").asText()).isEqualTo("eve??INFO forged line");
        assertThat(failed.path("status").asInt()).isEqualTo(401);
        awaitEntry(e -> e.path("action").asText().equals("lockout of user") && e.path("address").asText().equals("198.51.100.20"));
        awaitEntry(e -> e.path("action").asText().equals("login refused: locked out"));
        assertThat(entries()).filteredOn(e -> e.path("address").asText().equals("198.51.100.20"))
                .as("a failed login is one entry, not also a refusal").noneMatch(e -> e.path("action").asText().startsWith("GET"));
        assertThat(server.logText().lines()).anyMatch(line -> line.contains("Failed login for \"eve??INFO forged line\" from 198.51.100.20"))
                .noneMatch(line -> line.startsWith("INFO forged line"));
    }

    @Test
    void oneAddressTryingManyNamesIsLockedOutWhateverTheName() {
        for (int i = 0; i < 8; i++) {
            assertThat(from("203.0.113.50", nobody.as("name-" + i, "wrong-password!"), "GET", "/api/channels").status()).isEqualTo(401);
        }
        Api.Response rightPassword = from("203.0.113.50", nobody.as("watcher", "watcher-password-1"), "GET", "/api/channels");
        assertThat(rightPassword.status()).isEqualTo(401);
        assertThat(rightPassword.error()).contains("too many failed logins");
        awaitEntry(e -> e.path("action").asText().equals("lockout of address") && e.path("address").asText().equals("203.0.113.50"));
        assertThat(from("203.0.113.51", nobody.as("watcher", "watcher-password-1"), "GET", "/api/channels").status())
                .as("another address is not affected").isEqualTo(200);
        String metrics = admin.get("/actuator/prometheus").body();
        double forgotten = metrics.lines().filter(line -> line.startsWith("distributor_login_throttle_forgotten_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertThat(forgotten).as("8 names from one address, at most 5 remembered").isGreaterThanOrEqualTo(3);
        assertThat(metrics).contains("distributor_login_throttle_tracked");
    }

    @Test
    void refusalsAreRecordedWithTheirReason() {
        from("192.0.2.10", nobody, "GET", "/api/channels");
        from("192.0.2.11", nobody.as("watcher", "watcher-password-1"), "POST", "/api/channels");
        from("192.0.2.12", nobody.withToken("mld_not-a-real-token"), "GET", "/api/channels");
        JsonNode anonymous = awaitEntry(e -> e.path("address").asText().equals("192.0.2.10"));
        assertThat(anonymous.path("action").asText()).isEqualTo("GET /api/channels");
        assertThat(anonymous.path("status").asInt()).isEqualTo(401);
        assertThat(anonymous.path("user").asText()).isEqualTo("anonymous");
        assertThat(anonymous.path("reason").asText()).isEqualTo("not authenticated");
        JsonNode viewer = awaitEntry(e -> e.path("address").asText().equals("192.0.2.11"));
        assertThat(viewer.path("user").asText()).isEqualTo("watcher");
        assertThat(viewer.path("status").asInt()).isEqualTo(403);
        assertThat(viewer.path("reason").asText()).isEqualTo("role too low");
        assertThat(awaitEntry(e -> e.path("address").asText().equals("192.0.2.12")).path("reason").asText()).isEqualTo("unknown API token");
    }

    @Test
    void formLoginCsrfRefusalAndLogoutAreRecorded() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        String form = "username=watcher&password=" + URLEncoder.encode("watcher-password-1", StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login")).header("X-Forwarded-For", "192.0.2.30")
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf(cookies))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(uri("/api/channels/x")).header("X-Forwarded-For", "192.0.2.31")
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        browser.send(HttpRequest.newBuilder(uri("/logout")).header("X-Forwarded-For", "192.0.2.32").header("X-XSRF-TOKEN", xsrf(cookies))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode loggedIn = awaitEntry(e -> e.path("address").asText().equals("192.0.2.30"));
        assertThat(loggedIn.path("action").asText()).isEqualTo("login");
        assertThat(loggedIn.path("user").asText()).isEqualTo("watcher");
        JsonNode csrf = awaitEntry(e -> e.path("address").asText().equals("192.0.2.31"));
        assertThat(csrf.path("action").asText()).isEqualTo("DELETE /api/channels/x");
        assertThat(csrf.path("user").asText()).isEqualTo("watcher");
        assertThat(csrf.path("reason").asText()).isEqualTo("CSRF token missing or wrong");
        JsonNode logout = awaitEntry(e -> e.path("address").asText().equals("192.0.2.32"));
        assertThat(logout.path("action").asText()).isEqualTo("logout");
        assertThat(logout.path("user").asText()).isEqualTo("watcher");
    }

    @Test
    void tokenCallsAreRecordedByTokenIdNotByTheirSharedName() {
        JsonNode first = admin.post("/api/tokens", "{\"name\":\"ci\",\"role\":\"operator\"}").json();
        JsonNode second = admin.post("/api/tokens", "{\"name\":\"ci\",\"role\":\"operator\"}").json();
        assertThat(from("192.0.2.40", nobody.withToken(first.path("token").asText()), "POST", "/api/channels").status()).isEqualTo(201);
        assertThat(from("192.0.2.41", nobody.withToken(second.path("token").asText()), "POST", "/api/channels").status()).isEqualTo(201);
        JsonNode byFirst = awaitEntry(e -> e.path("address").asText().equals("192.0.2.40"));
        JsonNode bySecond = awaitEntry(e -> e.path("address").asText().equals("192.0.2.41"));
        assertThat(byFirst.path("token").asText()).isEqualTo(first.path("id").asText());
        assertThat(bySecond.path("token").asText()).isEqualTo(second.path("id").asText()).isNotEqualTo(byFirst.path("token").asText());
        assertThat(byFirst.path("user").asText()).isEqualTo("token:ci");
        assertThat(entries().toString()).doesNotContain(first.path("token").asText()).doesNotContain(second.path("token").asText());
    }

    @Test
    void jolokiaWritesAreRecordedAndReadsAreNot() {
        Api.Response read = admin.send(HttpRequest.newBuilder(uri("/actuator/jolokia")).header("X-Forwarded-For", "192.0.2.50")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\"}")));
        assertThat(read.status()).isEqualTo(200);
        Api.Response exec = admin.send(HttpRequest.newBuilder(uri("/actuator/jolokia")).header("X-Forwarded-For", "192.0.2.51")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}")));
        assertThat(exec.status()).isEqualTo(200);
        admin.send(HttpRequest.newBuilder(uri("/actuator/jolokia/exec/java.lang:type=Memory/gc")).header("X-Forwarded-For", "192.0.2.52").GET());
        Api.Response throughHawtio = admin.send(HttpRequest.newBuilder(uri("/actuator/hawtio/jolokia")).header("X-Forwarded-For", "192.0.2.53")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\"},"
                        + "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}]")));
        assertThat(throughHawtio.status()).as(throughHawtio.body()).isEqualTo(200);
        JsonNode posted = awaitEntry(e -> e.path("address").asText().equals("192.0.2.51"));
        assertThat(posted.path("action").asText()).isEqualTo("jolokia exec java.lang:type=Memory gc");
        assertThat(posted.path("user").asText()).isEqualTo("admin");
        assertThat(awaitEntry(e -> e.path("address").asText().equals("192.0.2.52")).path("action").asText())
                .isEqualTo("jolokia exec java.lang:type=Memory gc");
        assertThat(awaitEntry(e -> e.path("address").asText().equals("192.0.2.53")).path("action").asText())
                .as("Hawtio's Jolokia, with a read beside the write").isEqualTo("jolokia exec java.lang:type=Memory gc");
        assertThat(entries()).noneMatch(e -> e.path("address").asText().equals("192.0.2.50"));
    }

    @Test
    void theFileIsOwnerOnlyRotatedAndReadNewestFirst() throws Exception {
        for (int i = 0; i < 60; i++) {
            from("192.0.2.60", admin, "POST", "/api/channels/none-" + i + "/start");
        }
        Path data = work.resolve("data");
        await().until(() -> Files.exists(data.resolve("audit.log.1")));
        for (String name : List.of("audit.log", "audit.log.1")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(name)))).as(name).isEqualTo("rw-------");
        }
        assertThat(Files.size(data.resolve("audit.log"))).isLessThanOrEqualTo(6 * 1024);
        assertThat(data.resolve("audit.log.3")).doesNotExist();
        JsonNode newest = admin.ok("/api/audit?limit=3");
        assertThat(newest.size()).isEqualTo(3);
        assertThat(newest.get(0).path("action").asText()).isEqualTo("POST /api/channels/none-59/start");
        assertThat(newest.get(2).path("action").asText()).isEqualTo("POST /api/channels/none-57/start");
    }

    private static String xsrf(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
