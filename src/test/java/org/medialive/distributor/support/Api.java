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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

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
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
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
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
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
