package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22's attack, replayed: Jolokia's exec of the Camel context's sendStringBody with an
 * exec: (and a file:) endpoint, as POST, as GET, and as another site's form or link would
 * send it, for every role. Refused every time, and the file the command would make never
 * appears. Reading MBeans (what Hawtio shows) still works for admins.
 */
class JolokiaAttackIT {

    private static final String PASSWORD = "role-password-123";
    private static final String CONTEXT_MBEAN =
            "org.apache.camel:context=medialive-distributor,type=context,name=\"medialive-distributor\"";
    private static final String SEND = "sendStringBody(java.lang.String,java.lang.String)";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static DistributorServer server;

    @BeforeAll
    static void start() {
        server = new DistributorServer(work.resolve("data"), "jolokia-attack").start();
        for (String role : new String[] {"viewer", "operator", "admin"}) {
            Api.Response created = server.api().post("/api/users",
                    "{\"username\":\"" + role + "-user\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void nothingWasCreated() throws Exception {
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("files the attack would create").containsOnly("data");
        }
    }

    static Stream<String> roles() {
        return Stream.of("viewer", "operator", "admin");
    }

    /** The exec request of the issue, with the endpoint it names. */
    private static String execBody(String endpoint) {
        return "{\"type\":\"exec\",\"mbean\":" + quoted(CONTEXT_MBEAN) + ",\"operation\":" + quoted(SEND)
                + ",\"arguments\":[" + quoted(endpoint) + ",\"x\"]}";
    }

    /** The GET form: /actuator/jolokia/exec/<mbean>/<operation>/<uri>/<body>, '/' in a value as '!/'. */
    private static String execPath(String file) {
        return "/actuator/jolokia/exec/" + CONTEXT_MBEAN.replace("\"", "%22") + "/" + SEND + "/"
                + touch(file).replace("?", "%3F").replace("/", "!/") + "/x";
    }

    private static String touch(String name) {
        return "exec:touch?args=" + work.resolve(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void postWithPasswordIsRefused(String role) {
        Api caller = server.anonymous().as(role + "-user", PASSWORD);
        for (String path : new String[] {"/actuator/jolokia", "/actuator/hawtio/jolokia"}) {
            for (String endpoint : new String[] {touch("by-post-" + role), "file:" + work + "?fileName=by-file-" + role}) {
                Api.Response answer = caller.post(path, execBody(endpoint));
                assertRefused(answer.status(), answer.body(), role + " POST " + path + " " + endpoint);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void getWithPasswordIsRefused(String role) {
        String path = execPath("by-get-" + role);
        Api.Response answer = server.anonymous().as(role + "-user", PASSWORD).get(path);
        assertThat(answer.status()).as(role + " GET: " + answer.body()).isEqualTo(405);
        assertThat(answer.error()).contains("POST only");
        Api.Response read = server.anonymous().as(role + "-user", PASSWORD).get("/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage");
        assertThat(read.status()).as("even a harmless read by GET").isEqualTo(405);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void anotherSitesFormOrLinkIsRefused(String role) {
        LoggedInBrowser browser = new LoggedInBrowser(server.baseUrl());
        browser.logIn(role + "-user", PASSWORD);
        // a form on evil.example posting text/plain with the session cookie (SameSite=Lax keeps real
        // browsers from even sending it; this is the browser that would)
        HttpResponse<String> form = browser.post("/actuator/jolokia", "text/plain", execBody(touch("by-form-" + role)), false,
                "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site");
        assertRefused(form.statusCode(), form.body(), role + " cross-site form");
        // even with the CSRF token (which another site cannot read), another origin is refused
        HttpResponse<String> withToken = browser.post("/actuator/jolokia", "application/json", execBody(touch("by-origin-" + role)), true,
                "Origin", "http://evil.example");
        assertRefused(withToken.statusCode(), withToken.body(), role + " other origin with token");
        // a link or an <img> on another site: a top-level GET navigation
        HttpResponse<String> link = browser.get(execPath("by-link-" + role), "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate");
        assertRefused(link.statusCode(), link.body(), role + " cross-site link");
        // and from the server's own page, the way Hawtio sends it: still no exec
        HttpResponse<String> samePage = browser.post("/actuator/jolokia", "application/json", execBody(touch("by-page-" + role)), true,
                "Origin", server.baseUrl());
        assertRefused(samePage.statusCode(), samePage.body(), role + " same-origin page with token");
    }

    @Test
    void adminsReadMBeansButCannotWriteOrExecuteAnything() throws Exception {
        Api admin = server.anonymous().as("admin-user", PASSWORD);
        JsonNode version = admin.post("/actuator/jolokia", "{\"type\":\"version\"}").json();
        assertThat(version.path("status").asInt()).as(version.toString()).isEqualTo(200);
        JsonNode heap = admin.post("/actuator/jolokia", "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}").json();
        assertThat(heap.path("status").asInt()).as(heap.toString()).isEqualTo(200);
        assertThat(heap.path("value").path("used").asLong()).isPositive();
        JsonNode routes = admin.post("/actuator/jolokia", "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}").json();
        assertThat(routes.path("value").size()).as("Camel routes as Hawtio lists them").isPositive();
        for (String refused : new String[] {
                "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}",
                "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}",
                "{\"type\":\"exec\",\"mbean\":" + quoted(CONTEXT_MBEAN) + ",\"operation\":\"addOrUpdateRoutesFromXml(java.lang.String)\",\"arguments\":[\"<routes/>\"]}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}"}) {
            Api.Response answer = admin.post("/actuator/jolokia", refused);
            assertRefused(answer.status(), answer.body(), refused);
        }
        // the one kind of operation allowed: Camel's route dumps (Hawtio's diagram), which show no secret
        int port = org.medialive.distributor.support.Ports.freeUdp();
        assertThat(server.api().post("/api/channels", "{\"id\":\"dumped\",\"input\":{\"port\":" + port + "},\"started\":true}").status()).isEqualTo(201);
        assertThat(server.api().post("/api/channels/dumped/outputs", "{\"id\":\"cdn\",\"url\":\"srt://127.0.0.1:"
                + org.medialive.distributor.support.Ports.freeUdp() + "?passphrase=jolokia-dump-secret\",\"enabled\":true}").status()).isEqualTo(201);
        JsonNode dump = admin.post("/actuator/jolokia", "{\"type\":\"exec\",\"mbean\":" + quoted(CONTEXT_MBEAN)
                + ",\"operation\":\"dumpRoutesAsXml()\"}").json();
        assertThat(dump.path("status").asInt()).as(dump.toString()).isEqualTo(200);
        assertThat(dump.path("value").asText()).contains("dumped").doesNotContain("jolokia-dump-secret");
        assertThat(server.api().delete("/api/channels/dumped").status()).isEqualTo(204);
        Api.Response operator = server.anonymous().as("operator-user", PASSWORD).post("/actuator/jolokia", "{\"type\":\"version\"}");
        assertThat(operator.status()).as("Jolokia is for admins").isEqualTo(403);
        assertThat(admin.get("/actuator/jolokia").json().path("value").path("agent").asText())
                .as("the one GET: the agent's version, which Hawtio asks for first").isNotEmpty();
        assertThat(admin.get("/actuator/jolokia/version?x=1").status()).isEqualTo(405);
        Api.Response proxied = admin.post("/actuator/hawtio/proxy/http/127.0.0.1/" + server.port() + "/actuator/jolokia",
                execBody(touch("by-proxy")));
        assertThat(proxied.status()).as("Hawtio's proxy is off: " + proxied.body()).isNotEqualTo(200);
        assertThat(server.logText()).contains("Using policy access restrictor");
    }

    /** Refused by the application (4xx) or by Jolokia's policy (its JSON status 403, whatever the HTTP status). */
    private static void assertRefused(int httpStatus, String body, String what) {
        if (httpStatus >= 400 && httpStatus < 500) {
            return;
        }
        try {
            JsonNode answer = JSON.readTree(body);
            assertThat(answer.path("status").asInt()).as(what + ": " + body).isEqualTo(403);
            assertThat(answer.path("error").asText()).as(what + ": " + body).contains("forbidden");
        } catch (java.io.IOException notJson) {
            throw new AssertionError(what + " answered " + httpStatus + ": " + body);
        }
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
