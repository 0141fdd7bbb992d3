package org.medialive.distributor.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads one descriptor {@code NAME.output-kind.yaml}. YAML that does not parse throws snakeyaml's
 * exception (it knows the line); a descriptor that parses but is wrong throws
 * {@link IllegalArgumentException} with the reason. Both stop start-up (routes.OutputKindFiles).
 */
public final class OutputKindReader {

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{1,20}");
    private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,40}");
    private static final List<String> TYPES = List.of("string", "integer", "boolean");

    private OutputKindReader() {
    }

    public static OutputKind read(String origin, String text) {
        if (!(new Load(LoadSettings.builder().build()).loadFromString(text) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected scheme, template, title, carriesScte35, validator and definition");
        }
        String scheme = String.valueOf(map.get("scheme") == null ? "" : map.get("scheme"));
        if (!SCHEME.matcher(scheme).matches()) {
            throw new IllegalArgumentException("scheme '" + scheme + "' must be 2 to 21 lower-case letters, digits, + . or -");
        }
        String template = String.valueOf(map.get("template") == null ? "" : map.get("template"));
        if (!TEMPLATE.matcher(template).matches()) {
            throw new IllegalArgumentException("template must name a routeTemplate id, not '" + template + "'");
        }
        if (!(map.get("carriesScte35") instanceof Boolean carries)) {
            throw new IllegalArgumentException("carriesScte35 must be true (the relay keeps the TS unchanged) or false");
        }
        // A descriptor without a validator is a kind made of files only (the form before built-in kinds had descriptors).
        String validatorName = map.containsKey("validator") ? String.valueOf(map.get("validator")) : UrlCheck.HOST_PORT.id();
        UrlCheck validator = UrlCheck.named(validatorName);
        if (validator == null) {
            throw new IllegalArgumentException("validator '" + validatorName + "' is not one of "
                    + String.join(", ", List.of(UrlCheck.values()).stream().map(UrlCheck::id).toList()));
        }
        if (!validator.accepts(scheme)) {
            throw new IllegalArgumentException(validator == UrlCheck.HOST_PORT
                    ? "scheme " + scheme + " is read by the built-in validator " + builtInFor(scheme) + "; name it as validator"
                    : "validator " + validator.id() + " checks " + String.join(", ", validator.schemes()) + " URLs, not " + scheme);
        }
        String title = map.get("title") == null ? scheme : String.valueOf(map.get("title"));
        Map<String, Object> definition = map.get("definition") == null && validator == UrlCheck.HOST_PORT
                ? hostPortDefinition(scheme, title)
                : KameletDefinition.check(map.get("definition"), validator == UrlCheck.HOST_PORT);
        return new OutputKind(scheme, template, title, carries, validator, definition, origin);
    }

    private static String builtInFor(String scheme) {
        return List.of(UrlCheck.values()).stream().filter(c -> c.schemes().contains(scheme)).findFirst().orElseThrow().id();
    }

    /** What a files-only kind's URL is made of when its descriptor gives no definition: scheme://HOST:PORT. */
    private static Map<String, Object> hostPortDefinition(String scheme, String title) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("host", Map.of("title", "Host", "description", "Address or name the relay sends to.", "type", "string"));
        properties.put("port", Map.of("title", "Port", "description", "Port the relay sends to.", "type", "integer"));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("title", title);
        definition.put("description", title + ": " + scheme + "://HOST:PORT, no options and no secret.");
        definition.put("example", scheme + "://HOST:PORT");
        definition.put("required", List.of("host", "port"));
        definition.put("type", "object");
        definition.put("properties", properties);
        return definition;
    }

    /** Checks the Kamelet-style definition block; kept apart so the descriptor's own fields read in one place. */
    static final class KameletDefinition {

        private KameletDefinition() {
        }

        static Map<String, Object> check(Object block, boolean noSecrets) {
            if (!(block instanceof Map<?, ?> definition)) {
                throw new IllegalArgumentException("definition is missing: a Kamelet-style block with title, description and properties");
            }
            text(definition, "title", "definition");
            text(definition, "description", "definition");
            if (!(definition.get("properties") instanceof Map<?, ?> properties) || properties.isEmpty()) {
                throw new IllegalArgumentException("definition.properties must name the URL's parts and options");
            }
            for (Map.Entry<?, ?> entry : properties.entrySet()) {
                String name = String.valueOf(entry.getKey());
                String where = "definition.properties." + name;
                if (!PROPERTY.matcher(name).matches() || !(entry.getValue() instanceof Map<?, ?> property)) {
                    throw new IllegalArgumentException(where + " must be a name (letters and digits) with title, description and type");
                }
                text(property, "title", where);
                text(property, "description", where);
                if (!TYPES.contains(String.valueOf(property.get("type")))) {
                    throw new IllegalArgumentException(where + ".type must be one of " + String.join(", ", TYPES));
                }
                if (property.containsKey("format") && !"password".equals(property.get("format"))) {
                    throw new IllegalArgumentException(where + ".format may only be password (a secret, shown as ***)");
                }
                if (noSecrets && "password".equals(property.get("format"))) {
                    throw new IllegalArgumentException(where + " is a password, but host-port URLs hold no secret: nothing would mask it");
                }
            }
            Object required = definition.get("required");
            if (required != null && !(required instanceof List<?> names && properties.keySet().containsAll(names))) {
                throw new IllegalArgumentException("definition.required must list names of definition.properties");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> checked = (Map<String, Object>) definition;
            return checked;
        }

        private static void text(Map<?, ?> map, String field, String where) {
            if (!(map.get(field) instanceof String value) || value.isBlank()) {
                throw new IllegalArgumentException(where + "." + field + " is missing");
            }
        }
    }
}
