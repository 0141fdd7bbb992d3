package org.medialive.distributor.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * Reads request bodies strictly (unknown fields, wrong types and numbers in quotes are
 * refused with the field named) and writes responses. Shared by the REST API and WebSocket.
 */
@Component
public class ApiJson {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** Parses {@code body} as {@code type}; the exception's message says which field is wrong. */
    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw invalid("request body is required: a JSON object");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw invalid("request body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw invalid("unknown field '" + path(e) + "'; known fields are " + e.getKnownPropertyIds());
        } catch (InvalidFormatException e) {
            throw invalid("field '" + path(e) + "' has the wrong type: expected " + simpleName(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw invalid(field.isEmpty() ? "request body must be a JSON object"
                    : "field '" + field + "' has the wrong type: expected " + simpleName(e.getTargetType()));
        } catch (InputCoercionException e) {
            throw invalid("a number in the request body is out of range: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw invalid("request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String simpleName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "an object";
    }
}
