package org.medialive.distributor.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.json is written by hand (see OpenApiDocument for why), so this keeps it honest
 * without a server: it is valid OpenAPI and it has exactly one operation per REST route of
 * routes/rest-api.camel.yaml (OpenApiSchemasTest checks its schemas). Each failure names what to
 * add or remove. ApiContractIT checks the rest against a running server: statuses, roles, and
 * answers parsed by a generated client.
 */
class OpenApiContractTest {

    private static final Path DOCUMENT = Path.of("docs/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void isValidOpenApiByTheSwaggerParser() throws IOException {
        List<String> problems = OpenApiValidation.problems(Files.readString(DOCUMENT));
        assertThat(problems).as("swagger-parser's messages on docs/openapi.json").isEmpty();
    }

    /** The document of issue 31 had responses {"default": {}}: the validator must see that, or its silence proves nothing. */
    @Test
    void theValidatorRejectsAResponseWithoutDescription() {
        String invalid = """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "paths": {"/api/x": {"get": {"operationId": "x", "responses": {"default": {}}}}}}""";
        assertThat(OpenApiValidation.problems(invalid)).anyMatch(problem -> problem.contains("description"));
    }

    @Test
    void everyRestRouteHasItsOperationAndEveryOperationItsRoute() throws IOException {
        JsonNode paths = document().path("paths");
        List<String> missing = new ArrayList<>();
        Set<String> routed = new TreeSet<>();
        for (RestRoutes.Route route : RestRoutes.all()) {
            routed.add(route.method() + " " + route.path());
            JsonNode operation = paths.path(route.path()).path(route.method());
            if (operation.isMissingNode()) {
                missing.add("route " + route.describe() + " has no operation in docs/openapi.json: add paths."
                        + route.path() + "." + route.method() + " with operationId " + route.id()
                        + ", its responses (success, 400..422 as it can answer, 401, default) and x-required-role");
                continue;
            }
            if (!route.id().equals(operation.path("operationId").asText())) {
                missing.add("route " + route.describe() + " is documented with operationId '"
                        + operation.path("operationId").asText() + "': use the route id");
            }
            Set<String> documentedParams = new TreeSet<>();
            operation.path("parameters").forEach(p -> {
                if ("path".equals(p.path("in").asText())) {
                    documentedParams.add(p.path("name").asText());
                }
            });
            if (!documentedParams.equals(route.pathParams())) {
                missing.add("route " + route.describe() + " has path parameters " + route.pathParams()
                        + " but its operation documents " + documentedParams);
            }
            if (route.hasBody() != operation.has("requestBody")) {
                missing.add("route " + route.describe() + (route.hasBody()
                        ? " consumes a JSON body but its operation has no requestBody"
                        : " takes no body but its operation documents a requestBody"));
            }
            if (!operation.path("responses").has("401") || !operation.path("responses").has("default")
                    || !roleWords().contains(operation.path("x-required-role").asText())) {
                missing.add("operation " + route.id() + " needs a 401 response, a default (500) response and x-required-role, one of " + roleWords());
            }
        }
        Iterator<Map.Entry<String, JsonNode>> documented = paths.fields();
        while (documented.hasNext()) {
            Map.Entry<String, JsonNode> path = documented.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (!routed.contains(method + " " + path.getKey()) && !isServedOutsideTheRoutes(method, path.getKey())) {
                    missing.add("docs/openapi.json documents " + method.toUpperCase() + " " + path.getKey()
                            + ", which no route of routes/rest-api.camel.yaml serves: remove it");
                }
            });
        }
        assertThat(missing).as("docs/openapi.json against routes/rest-api.camel.yaml").isEmpty();
    }

    static Set<String> roleWords() {
        Set<String> words = new TreeSet<>();
        for (Role role : Role.values()) {
            words.add(role.word());
        }
        return words;
    }

    /** GET /api/openapi.json itself is served by OpenApiDocument, not by a REST route. */
    private static boolean isServedOutsideTheRoutes(String method, String path) {
        return method.equals("get") && path.equals("/api/openapi.json");
    }

    static JsonNode document() throws IOException {
        return JSON.readTree(DOCUMENT.toFile());
    }
}
