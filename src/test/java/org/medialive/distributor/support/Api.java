package org.medialive.distributor.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client for the server's REST API, as an operator's script would use it. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String authorization;
    /** Signed in through the login form (as the dashboard is), or null. */
    private final LoginSession session;

    /** What came back: status, parsed body (a MissingNode if it was not JSON) and the raw text. */
    public record Response(int status, JsonNode json, String body) {

        public String error() {
            return json.path("error").asText(null);
        }
    }

    /** Without credentials. */
    public Api(int port) {
        this(port, null);
    }

    private Api(int port, String authorization) {
        this(port, authorization, null);
    }

    private Api(int port, String authorization, LoginSession session) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
        this.session = session;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.http = (session == null ? builder : builder.cookieHandler(session.cookies())).build();
    }

    /**
     * The same server, as {@code user} signed in once through the login form, then with its session
     * cookie (and the CSRF header the dashboard sends): HTTP Basic costs the server a bcrypt check
     * (~0.1 s of CPU) on every request, which a test polling five times a second would make half a
     * core's work. When the session ends (e.g. the password changed) it falls back to Basic.
     */
    public Api signedInAs(String user, String password) {
        String basic = as(user, password).authorization;
        return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), basic, new LoginSession(base, user, password));
    }

    /** The same server, as {@code user} with HTTP Basic. */
    public Api as(String user, String password) {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), "Basic " + basic);
    }

    /** The same server, with an API token. */
    public Api withToken(String token) {
        return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), "Bearer " + token);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** Like {@link #get} but fails the test unless the answer is 200. */
    public JsonNode ok(String path) {
        Response response = get(path);
        if (response.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    public Response send(HttpRequest.Builder request) {
        if (session != null && session.signIn(http)) {
            session.addCsrfHeader(request);
            Response answer = exchange(request);
            if (answer.status() != 401 && !(answer.status() == 403 && answer.body().contains("CSRF"))) {
                return answer;
            }
            session.ended();
            request.setHeader("X-XSRF-TOKEN", "");
        }
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        return exchange(request);
    }

    private Response exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = JSON.missingNode();
            }
            return new Response(response.statusCode(), json, response.body());
        } catch (IOException e) {
            throw new AssertionError("request to " + base + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
