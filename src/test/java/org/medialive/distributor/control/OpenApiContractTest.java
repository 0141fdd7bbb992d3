package org.medialive.distributor.control;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medialive.distributor.channel.ChannelView;
import org.medialive.distributor.channel.CueView;
import org.medialive.distributor.channel.InputDefinition;
import org.medialive.distributor.monitoring.StatsSnapshot;
import org.medialive.distributor.output.OutputView;
import org.medialive.distributor.security.ApiTokens;
import org.medialive.distributor.security.Role;
import org.medialive.distributor.security.UserAccounts;
import org.medialive.distributor.stream.ElementaryStream;
import org.medialive.distributor.stream.Program;
import org.medialive.distributor.stream.StreamInfo;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * docs/openapi.json is written by hand (see OpenApiDocument for why), so this keeps it honest
 * without a server: it is valid OpenAPI, it has exactly one operation per REST route of
 * routes/rest-api.camel.yaml, and its schemas have exactly the fields of the records the API
 * writes and reads. Each failure names what to add or remove. GeneratedClientIT checks the rest
 * against a running server: statuses, roles, and answers parsed by a generated client.
 */
class OpenApiContractTest {

    private static final Path DOCUMENT = Path.of("docs/openapi.json");
    private static final Path ROUTES = Path.of("routes/rest-api.camel.yaml");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One REST route as the YAML DSL declares it. */
    record Route(String id, String method, String path, Set<String> pathParams, boolean hasBody) {

        String describe() {
            return id + " (" + method.toUpperCase() + " " + path + ")";
        }
    }

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
        for (Route route : routes()) {
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

    @Test
    void theRoleSchemaListsEveryRole() throws IOException {
        Set<String> documented = new TreeSet<>();
        document().path("components").path("schemas").path("Role").path("enum").forEach(role -> documented.add(role.asText()));
        assertThat(documented).as("components.schemas.Role.enum against security.Role").isEqualTo(roleWords());
    }

    private static Set<String> roleWords() {
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

    /** Each documented schema and the Java type whose JSON it describes. */
    static Stream<Arguments> schemasAndTypes() {
        return Stream.of(
                arguments("Channel", ChannelView.class), arguments("ChannelStatus", ChannelView.Status.class),
                arguments("ChannelInput", InputDefinition.class), arguments("StreamInfo", StreamInfo.class),
                arguments("Program", Program.class), arguments("ElementaryStream", ElementaryStream.class),
                arguments("Cue", CueView.class), arguments("Output", OutputView.class),
                arguments("OutputStatus", OutputView.Status.class), arguments("OutputCues", OutputView.Cues.class),
                arguments("Stats", StatsSnapshot.Stats.class), arguments("User", UserAccounts.UserView.class),
                arguments("Token", ApiTokens.TokenView.class), arguments("IssuedToken", ApiTokens.Issued.class),
                arguments("ChannelRequest", ChannelRequest.class), arguments("OutputRequest", OutputRequest.class),
                arguments("NewUser", AccessApi.NewUser.class), arguments("NewToken", AccessApi.NewToken.class));
    }

    @ParameterizedTest(name = "schema {0} has the fields of {1}")
    @MethodSource("schemasAndTypes")
    void schemaHasExactlyTheFieldsTheApiWrites(String schema, Class<?> type) throws IOException {
        JsonNode properties = document().path("components").path("schemas").path(schema).path("properties");
        Set<String> documented = new TreeSet<>();
        properties.fieldNames().forEachRemaining(documented::add);
        JavaType javaType = JSON.constructType(type);
        Set<String> written = new TreeSet<>();
        for (BeanPropertyDefinition property : JSON.getSerializationConfig().introspect(javaType).findProperties()) {
            written.add(property.getName());
        }
        Set<String> undocumented = new TreeSet<>(written);
        undocumented.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(written);
        assertThat(undocumented).as("fields of " + type.getName() + " missing from components.schemas." + schema
                + " in docs/openapi.json").isEmpty();
        assertThat(extra).as("fields in components.schemas." + schema + " that " + type.getName() + " does not have").isEmpty();
    }

    static JsonNode document() throws IOException {
        return JSON.readTree(DOCUMENT.toFile());
    }

    @SuppressWarnings("unchecked")
    static List<Route> routes() throws IOException {
        List<Map<String, Object>> file = new Yaml().load(Files.readString(ROUTES));
        List<Route> routes = new ArrayList<>();
        for (Map<String, Object> item : file) {
            Map<String, Object> rest = (Map<String, Object>) item.get("rest");
            if (rest == null) {
                continue;
            }
            String base = (String) rest.getOrDefault("path", "");
            for (String method : List.of("get", "post", "put", "delete", "patch", "head")) {
                for (Map<String, Object> verb : (List<Map<String, Object>>) rest.getOrDefault(method, List.of())) {
                    String path = base + verb.getOrDefault("path", "");
                    Set<String> params = new TreeSet<>();
                    Matcher matcher = PATH_PARAM.matcher(path);
                    while (matcher.find()) {
                        params.add(matcher.group(1));
                    }
                    routes.add(new Route((String) verb.get("id"), method, path, params, verb.containsKey("consumes")));
                }
            }
        }
        return routes;
    }
}
