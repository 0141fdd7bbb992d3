package org.medialive.distributor.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medialive.distributor.support.Api;

/**
 * The operations of an OpenAPI document, called by operation id, with every status each one
 * answered remembered, so that they can be compared with the statuses it documents.
 */
final class DocumentedOperations {

    /** One documented operation: its statuses are the numeric response codes (not "default"). */
    record Operation(String id, String method, String path, String role, boolean hasBody, Set<Integer> statuses,
                     Set<Integer> clusterOnly) {
    }

    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> answered = new TreeMap<>();
    private final String base;

    DocumentedOperations(JsonNode document, String base) {
        this.base = base;
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(verb -> {
            JsonNode operation = verb.getValue();
            Set<Integer> statuses = new TreeSet<>();
            operation.path("responses").fieldNames().forEachRemaining(code -> {
                if (code.matches("\\d{3}")) {
                    statuses.add(Integer.parseInt(code));
                }
            });
            // statuses a single-node server cannot answer (a move's 202): ClusterIT parses those with the generated client
            Set<Integer> clusterOnly = new TreeSet<>();
            operation.path("x-answered-in-cluster-mode-only").forEach(code -> clusterOnly.add(code.asInt()));
            String id = operation.path("operationId").asText();
            operations.put(id, new Operation(id, verb.getKey().toUpperCase(), path.getKey(),
                    operation.path("x-required-role").asText(), operation.has("requestBody"), statuses, clusterOnly));
        }));
    }

    Collection<Operation> all() {
        return operations.values();
    }

    /** Calls the operation with {@code params} in its path and {@code body} (may be null); remembers the status. */
    Api.Response call(String operationId, Api api, Map<String, String> params, String body) {
        return call(operationId, api, params, body, Map.of());
    }

    /** As {@link #call(String, Api, Map, String)}, with request headers (e.g. If-None-Match). */
    Api.Response call(String operationId, Api api, Map<String, String> params, String body, Map<String, String> headers) {
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
        headers.forEach(request::header);
        request.method(operation.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Api.Response response = api.send(request);
        answered.computeIfAbsent(operationId, id -> new TreeSet<>()).add(response.status());
        return response;
    }

    /** For each operation: documented but never answered, and answered but not documented. */
    List<String> mismatches() {
        List<String> mismatches = new ArrayList<>();
        for (Operation operation : operations.values()) {
            Set<Integer> seen = answered.getOrDefault(operation.id(), Set.of());
            Set<Integer> unanswered = new TreeSet<>(operation.statuses());
            unanswered.removeAll(seen);
            unanswered.removeAll(operation.clusterOnly());
            Set<Integer> undocumented = new TreeSet<>(seen);
            undocumented.removeAll(operation.statuses());
            if (!unanswered.isEmpty() || !undocumented.isEmpty()) {
                mismatches.add(operation.id() + " (" + operation.method() + " " + operation.path() + "): documented but never answered "
                        + unanswered + ", answered but not documented " + undocumented);
            }
        }
        return mismatches;
    }

    Set<String> called() {
        return new TreeSet<>(answered.keySet());
    }

    Set<String> documented() {
        return new TreeSet<>(operations.keySet());
    }
}
