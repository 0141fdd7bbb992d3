package org.medialive.distributor.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;

import static org.awaitility.Awaitility.await;

/**
 * Calls every operation of the served OpenAPI document the ways that make it answer each status:
 * without login (401), as a viewer (403 where an operator is needed, and never 403 where a viewer
 * suffices), with ids that do not exist (404), a wrong body (400), an oversized body (413), and
 * the real successes, conflicts (409) and limits (422). Then it compares, per operation, what
 * was answered with what is documented.
 */
final class DocumentedStatuses {

    static final int CHANNEL_LIMIT = 4;
    static final int OUTPUT_LIMIT = 2;

    /** One documented operation. */
    record Operation(String id, String method, String path, String role, boolean hasBody, Set<Integer> statuses) {
    }

    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> answered = new TreeMap<>();
    private final List<String> roleMistakes = new ArrayList<>();
    private final Api admin;
    private final Api nobody;
    private final String base;
    private Api viewer;

    DocumentedStatuses(JsonNode document, DistributorServer server) {
        this.admin = server.api();
        this.nobody = server.anonymous();
        this.base = server.baseUrl();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(verb -> {
            JsonNode operation = verb.getValue();
            Set<Integer> statuses = new TreeSet<>();
            operation.path("responses").fieldNames().forEachRemaining(code -> {
                if (code.matches("\\d{3}")) {
                    statuses.add(Integer.parseInt(code));
                }
            });
            String id = operation.path("operationId").asText();
            operations.put(id, new Operation(id, verb.getKey().toUpperCase(), path.getKey(),
                    operation.path("x-required-role").asText(), operation.has("requestBody"), statuses));
        }));
    }

    void probe() {
        String viewerToken = call("api-create-token", admin, Map.of(), "{\"name\":\"probe-viewer\",\"role\":\"viewer\"}").json().path("token").asText();
        viewer = nobody.withToken(viewerToken);
        int fixturePort = Ports.freeUdp();
        call("api-create-channel", admin, Map.of(), channel("fixture", fixturePort));
        call("api-create-output", admin, Map.of("id", "fixture"), output("out"));
        Map<String, String> fixture = Map.of("id", "fixture", "oid", "out", "name", "admin", "tid", "none");
        Map<String, String> absent = Map.of("id", "nope", "oid", "nope", "name", "nope", "tid", "nope");
        for (Operation operation : operations.values()) {
            String validBody = validBody(operation);
            call(operation.id(), nobody, fixture, validBody);
            Api.Response asViewer = call(operation.id(), viewer, "GET".equals(operation.method()) ? fixture : absent, validBody);
            // every role above viewer (operator, and any added later) is refused to a viewer with 403
            if ("viewer".equals(operation.role()) == (asViewer.status() == 403)) {
                roleMistakes.add(operation.id() + " is documented for role '" + operation.role() + "' but a viewer got " + asViewer.status());
            }
            if (operation.path().contains("{")) {
                call(operation.id(), admin, absent, validBody);
            }
            if (operation.hasBody()) {
                call(operation.id(), admin, fixture, "{\"noSuchField\":1}");
                call(operation.id(), admin, fixture, "{\"name\":\"" + "x".repeat(70_000) + "\"}");
            }
            if ("GET".equals(operation.method())) {
                call(operation.id(), admin, fixture, null);
            }
        }
        probeChannelsAndOutputs(fixturePort);
        probeUsersAndTokens();
    }

    private void probeChannelsAndOutputs(int fixturePort) {
        Map<String, String> probe = Map.of("id", "probe", "oid", "o1");
        call("api-create-channel", admin, Map.of(), channel("probe", Ports.freeUdp()));
        call("api-create-channel", admin, Map.of(), channel("probe", Ports.freeUdp()));
        call("api-update-channel", admin, probe, "{\"input\":{\"port\":" + Ports.freeUdp() + "}}");
        call("api-update-channel", admin, probe, "{\"input\":{\"port\":" + fixturePort + "}}");
        call("api-create-output", admin, probe, output("o1"));
        call("api-create-output", admin, probe, output("o1"));
        call("api-restart-output", admin, probe, null);
        call("api-update-output", admin, probe, "{\"name\":\"renamed\",\"url\":\"srt://127.0.0.1:" + Ports.freeUdp() + "\"}");
        call("api-stop-output", admin, probe, null);
        call("api-start-output", admin, probe, null);
        call("api-start-channel", admin, probe, null);
        await("output o1 runs, so it can be restarted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> call("api-restart-output", admin, probe, null).status() == 200);
        call("api-stop-channel", admin, probe, null);
        for (int n = 2; n <= OUTPUT_LIMIT + 1; n++) {
            call("api-create-output", admin, probe, output("o" + n));
        }
        List<String> filled = new ArrayList<>();
        for (int n = 1; n <= CHANNEL_LIMIT + 1; n++) {
            if (call("api-create-channel", admin, Map.of(), channel("fill-" + n, Ports.freeUdp())).status() == 201) {
                filled.add("fill-" + n);
            }
        }
        for (int n = 1; n <= OUTPUT_LIMIT; n++) {
            call("api-delete-output", admin, Map.of("id", "probe", "oid", "o" + n), null);
        }
        filled.forEach(id -> call("api-delete-channel", admin, Map.of("id", id), null));
        call("api-delete-channel", admin, probe, null);
        call("api-delete-channel", admin, Map.of("id", "fixture"), null);
    }

    private void probeUsersAndTokens() {
        String user = "{\"username\":\"probe-user\",\"password\":\"probe-password-1\",\"role\":\"viewer\"}";
        call("api-create-user", admin, Map.of(), user);
        call("api-create-user", admin, Map.of(), user);
        call("api-delete-user", admin, Map.of("name", "probe-user"), null);
        call("api-delete-user", admin, Map.of("name", "admin"), null);
        String token = call("api-create-token", admin, Map.of(), "{\"name\":\"probe\",\"role\":\"viewer\"}").json().path("id").asText();
        call("api-revoke-token", admin, Map.of("tid", token), null);
    }

    /** For each operation: documented but never answered, and answered but not documented. */
    List<String> mismatches() {
        List<String> mismatches = new ArrayList<>(roleMistakes);
        for (Operation operation : operations.values()) {
            Set<Integer> seen = answered.getOrDefault(operation.id(), Set.of());
            Set<Integer> unanswered = new TreeSet<>(operation.statuses());
            unanswered.removeAll(seen);
            Set<Integer> undocumented = new TreeSet<>(seen);
            undocumented.removeAll(operation.statuses());
            if (!unanswered.isEmpty() || !undocumented.isEmpty()) {
                mismatches.add(operation.id() + " (" + operation.method() + " " + operation.path() + "): documented but never answered "
                        + unanswered + ", answered but not documented " + undocumented);
            }
        }
        return mismatches;
    }

    Set<String> operationsProbed() {
        return new TreeSet<>(answered.keySet());
    }

    Set<String> operationsDocumented() {
        return new TreeSet<>(operations.keySet());
    }

    private Api.Response call(String operationId, Api api, Map<String, String> params, String body) {
        Operation operation = operations.get(operationId);
        if (operation == null) {
            throw new AssertionError("docs/openapi.json has no operation " + operationId);
        }
        String path = operation.path();
        for (Map.Entry<String, String> param : params.entrySet()) {
            path = path.replace("{" + param.getKey() + "}", param.getValue());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(operation.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Api.Response response = api.send(request);
        answered.computeIfAbsent(operationId, id -> new TreeSet<>()).add(response.status());
        return response;
    }

    /** A body the operation accepts, so that 401, 403 and 404 are not masked by a 400. */
    private static String validBody(Operation operation) {
        if (!operation.hasBody()) {
            return null;
        }
        return switch (operation.id()) {
            case "api-create-user" -> "{\"username\":\"never-made\",\"password\":\"never-made-password\",\"role\":\"viewer\"}";
            case "api-create-token" -> "{\"name\":\"never-made\",\"role\":\"viewer\"}";
            case "api-create-channel", "api-update-channel" -> "{\"input\":{\"port\":" + Ports.freeUdp() + "}}";
            default -> "{\"url\":\"srt://127.0.0.1:" + Ports.freeUdp() + "\"}";
        };
    }

    private static String channel(String id, int port) {
        return "{\"id\":\"" + id + "\",\"input\":{\"port\":" + port + "}}";
    }

    private static String output(String id) {
        return "{\"id\":\"" + id + "\",\"url\":\"srt://127.0.0.1:" + Ports.freeUdp() + "\"}";
    }
}
