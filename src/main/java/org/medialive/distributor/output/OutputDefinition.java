package org.medialive.distributor.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.regex.Pattern;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * An output as the operator configured it and as it is stored. The URL holds secrets:
 * it is written only to the data file, never shown.
 *
 * @param enabled whether it should run while its channel runs (its started/stopped state)
 * @param audio   which audio track RTMP outputs take: null for the first, "pid:482" or "lang:eng"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputDefinition(String id, String name, String url, boolean enabled, String audio) {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern AUDIO = Pattern.compile("pid:\\d{1,4}|lang:[a-z]{3}");

    /** Checks what the URL parser does not: id, name and track choice. */
    public OutputDefinition validated() {
        if (id == null || !ID.matcher(id).matches()) {
            throw invalid("output id must be 1 to 32 characters of a-z, 0-9 and '-', starting with a letter or digit"
                    + (id == null ? "" : ", not '" + id + "'"));
        }
        if (name != null && (name.length() > 100 || name.chars().anyMatch(Character::isISOControl))) {
            throw invalid("output name must be at most 100 characters without control characters");
        }
        if (audio != null && !AUDIO.matcher(audio).matches()) {
            throw invalid("audio must be 'pid:<number>' (e.g. pid:482) or 'lang:<ISO 639-2 code>' (e.g. lang:eng)");
        }
        return this;
    }

    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    public OutputDefinition withEnabled(boolean value) {
        return new OutputDefinition(id, name, url, value, audio);
    }

    public OutputDefinition withUrl(String value) {
        return new OutputDefinition(id, name, value, enabled, audio);
    }
}
