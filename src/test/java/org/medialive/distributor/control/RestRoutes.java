package org.medialive.distributor.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The REST routes as routes/rest-api.camel.yaml declares them: what docs/openapi.json must describe. */
final class RestRoutes {

    private static final Path ROUTES = Path.of("routes/rest-api.camel.yaml");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    /** One REST route: its id, verb (lower case), full path, path parameters and whether it consumes a body. */
    record Route(String id, String method, String path, Set<String> pathParams, boolean hasBody) {

        String describe() {
            return id + " (" + method.toUpperCase() + " " + path + ")";
        }
    }

    private RestRoutes() {
    }

    @SuppressWarnings("unchecked")
    static List<Route> all() throws IOException {
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
