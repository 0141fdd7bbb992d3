package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Jolokia request (direct or through Hawtio) changes: its exec and write operations, as
 * "exec &lt;mbean&gt; &lt;operation&gt;" or "write &lt;mbean&gt; &lt;attribute&gt;". Reads, lists and searches, which
 * Hawtio sends every few seconds, are not changes. Arguments and values are left out: they may be secrets.
 */
final class JolokiaWrites {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JolokiaWrites() {
    }

    static boolean isJolokia(String uri) {
        return uri.startsWith("/actuator/jolokia") || uri.startsWith("/actuator/hawtio");
    }

    /** The writes of a GET request, from its path: .../exec/&lt;mbean&gt;/&lt;operation&gt;/... */
    static List<String> inPath(String uri) {
        for (String type : List.of("exec", "write")) {
            int at = uri.indexOf("/" + type + "/");
            if (at >= 0) {
                String[] parts = uri.substring(at + type.length() + 2).split("/");
                return List.of(type + " " + decode(parts[0]) + (parts.length > 1 ? " " + decode(parts[1]) : ""));
            }
        }
        return List.of();
    }

    /** The writes of a POST body: one request object or an array of them. A body that is not JSON is reported as such. */
    static List<String> inBody(byte[] body) {
        List<String> writes = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(body);
            for (JsonNode request : root != null && root.isArray() ? root : List.of(root == null ? JSON.missingNode() : root)) {
                String type = request.path("type").asText("").toLowerCase();
                if (type.equals("exec") || type.equals("write")) {
                    String member = type.equals("exec") ? request.path("operation").asText("?") : request.path("attribute").asText("?");
                    writes.add(type + " " + request.path("mbean").asText("?") + " " + member);
                }
            }
        } catch (IOException notJson) {
            writes.add("unreadable request");
        }
        return writes;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("!/", "/"), StandardCharsets.UTF_8);
    }
}
