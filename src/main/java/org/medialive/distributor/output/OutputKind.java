package org.medialive.distributor.output;

import java.util.Map;

/**
 * One output kind as its descriptor {@code routes/NAME.output-kind.yaml} describes it: the URL
 * scheme that chooses it, the route template that runs it, how its URLs are checked (and its
 * process's messages read), and a Kamelet-style {@code definition} of the URL's parts for
 * people and the dashboard's form. Adding a kind needs these files, no Java (docs/ROUTES.md).
 *
 * @param definition Kamelet {@code spec.definition} form: title, description, required, properties
 *                   (each titled and typed; {@code format: password} for secrets). A schema, never values.
 * @param origin     the file it was read from, for start-up messages
 */
public record OutputKind(String scheme, String template, String title, boolean carriesScte35,
                         UrlCheck validator, Map<String, Object> definition, String origin) {

    /** Checks {@code url} (whose scheme is this kind's) into a destination, or refuses it with the reason. */
    Destination parse(String url) {
        return validator.parse(this, url);
    }
}
