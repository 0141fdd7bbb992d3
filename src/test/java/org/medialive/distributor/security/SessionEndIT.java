package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access that ends, ends now: deleting a user, changing a password, logging out and
 * revoking a token end the matching login sessions and close their WebSockets (1008)
 * within seconds. Cookies are SameSite; one user's WebSockets are bounded.
 */
class SessionEndIT {

    private static final String PASSWORD = "session-password-1";
    private static final int POLICY_VIOLATION = 1008;

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api admin;

    @BeforeAll
    static void start() {
        server = new DistributorServer(work.resolve("data"), "session-end").start();
        admin = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void deletingAUserEndsTheirSessionAndLiveFeed() throws Exception {
        LoggedInBrowser browser = loggedIn(user("leaver", "viewer"));
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        browser.openLiveFeed(closed);
        assertThat(admin.delete("/api/users/leaver").status()).isEqualTo(204);
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(POLICY_VIOLATION);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void anAdminSettingAPasswordEndsThatUsersSessionsAndOldPassword() throws Exception {
        LoggedInBrowser browser = loggedIn(user("forgetful", "operator"));
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        browser.openLiveFeed(closed);
        Api.Response set = admin.put("/api/users/forgetful/password", "{\"password\":\"a-new-password-2\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(204);
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(POLICY_VIOLATION);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(server.anonymous().as("forgetful", PASSWORD).get("/api/me").status()).isEqualTo(401);
        assertThat(server.anonymous().as("forgetful", "a-new-password-2").get("/api/me").status()).isEqualTo(200);
        assertThat(server.anonymous().as("forgetful", "a-new-password-2").put("/api/users/admin/password",
                "{\"password\":\"taken-over-admin\"}").status()).as("only admins set others' passwords").isEqualTo(403);
    }

    @Test
    void changingYourOwnPasswordNeedsTheCurrentOneAndEndsYourSessions() throws Exception {
        String name = user("changer", "viewer");
        LoggedInBrowser browser = loggedIn(name);
        LoggedInBrowser otherTab = loggedIn(name);
        HttpResponse<String> wrong = browser.post("/api/me/password", "application/json",
                "{\"current\":\"not-my-password\",\"password\":\"changed-password-3\"}", true);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("current password");
        HttpResponse<String> tooShort = browser.post("/api/me/password", "application/json",
                "{\"current\":\"" + PASSWORD + "\",\"password\":\"short\"}", true);
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("10 to 200 characters");
        HttpResponse<String> changed = browser.post("/api/me/password", "application/json",
                "{\"current\":\"" + PASSWORD + "\",\"password\":\"changed-password-3\"}", true);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(otherTab.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(loggedIn(name, "changed-password-3").get("/api/me").statusCode()).isEqualTo(200);
    }

    @Test
    void loggingOutClosesThatSessionsLiveFeed() throws Exception {
        LoggedInBrowser browser = loggedIn(user("quitter", "viewer"));
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        browser.openLiveFeed(closed);
        HttpResponse<String> logout = browser.post("/logout", "application/x-www-form-urlencoded", "", true);
        assertThat(logout.statusCode()).as("204 to a script, 302 to a page").isIn(204, 302);
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(POLICY_VIOLATION);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void revokingATokenClosesItsLiveFeed() throws Exception {
        JsonNode issued = admin.post("/api/tokens", "{\"name\":\"wallboard\",\"role\":\"viewer\"}").json();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + issued.path("token").asText())
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), LoggedInBrowser.closeWatcher(closed))
                .get(10, TimeUnit.SECONDS);
        assertThat(admin.delete("/api/tokens/" + issued.path("id").asText()).status()).isEqualTo(204);
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(POLICY_VIOLATION);
    }

    @Test
    void sessionAndCsrfCookiesAreSameSiteAndTheSessionCookieIsHttpOnly() {
        LoggedInBrowser browser = new LoggedInBrowser(server.baseUrl());
        HttpResponse<String> login = browser.logIn("admin", DistributorServer.ADMIN_PASSWORD);
        List<String> setCookies = new ArrayList<>(login.headers().allValues("Set-Cookie"));
        setCookies.addAll(browser.get("/login").headers().allValues("Set-Cookie"));
        assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("SameSite=Lax").contains("HttpOnly"));
        assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=").contains("SameSite=Lax"));
        assertThat(setCookies).allSatisfy(c -> assertThat(c).as("plain HTTP: not Secure").doesNotContain("Secure"));
    }

    @Test
    void oneUserHoldsABoundedNumberOfLiveFeeds() throws Exception {
        String name = user("hoarder", "viewer");
        String basic = "Basic " + Base64.getEncoder().encodeToString((name + ":" + PASSWORD).getBytes());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<WebSocket> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // distributor.limits.websockets-per-user
            open.add(client.newWebSocketBuilder().header("Authorization", basic)
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), LoggedInBrowser.closeWatcher(new CompletableFuture<>()))
                    .get(10, TimeUnit.SECONDS));
        }
        assertThatThrownBy(() -> client.newWebSocketBuilder().header("Authorization", basic)
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), LoggedInBrowser.closeWatcher(new CompletableFuture<>()))
                .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(429));
        LoggedInBrowser someoneElse = loggedIn(user("neighbour", "viewer"));
        CompletableFuture<Integer> theirs = new CompletableFuture<>();
        assertThat(someoneElse.openLiveFeed(theirs)).as("other users are not affected").isNotNull();
        open.get(0).sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        WebSocket again = awaitOpen(client, basic);
        assertThat(again).as("a closed connection frees its place").isNotNull();
    }

    private static WebSocket awaitOpen(HttpClient client, String basic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return client.newWebSocketBuilder().header("Authorization", basic)
                        .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), LoggedInBrowser.closeWatcher(new CompletableFuture<>()))
                        .get(10, TimeUnit.SECONDS);
            } catch (ExecutionException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(100);
            }
        }
    }

    private static String user(String name, String role) {
        Api.Response created = admin.post("/api/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    private static LoggedInBrowser loggedIn(String name) {
        return loggedIn(name, PASSWORD);
    }

    private static LoggedInBrowser loggedIn(String name, String password) {
        LoggedInBrowser browser = new LoggedInBrowser(server.baseUrl());
        browser.logIn(name, password);
        return browser;
    }
}
