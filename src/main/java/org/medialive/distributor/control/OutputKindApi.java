package org.medialive.distributor.control;

import java.util.List;
import java.util.Map;
import org.medialive.distributor.output.OutputKinds;
import org.springframework.stereotype.Component;

/**
 * GET /api/output-kinds: the output kinds loaded at start, each with its Kamelet-style
 * definition, so the dashboard's form (and any client) learns the kinds, their help and which
 * URL parts are secret from the descriptors. The definition is a schema, never a value: no
 * secret can be in it. The template, validator and file stay server-side details.
 */
@Component("outputKindApi")
public class OutputKindApi {

    private final ApiJson json;

    OutputKindApi(ApiJson json) {
        this.json = json;
    }

    public String list() {
        List<KindView> kinds = OutputKinds.all().stream()
                .map(kind -> new KindView(kind.scheme(), kind.title(), kind.carriesScte35(), kind.definition())).toList();
        return json.write(kinds);
    }

    /** One kind as the API shows it (schema OutputKind in docs/openapi.json). */
    record KindView(String scheme, String title, boolean carriesScte35, Map<String, Object> definition) {
    }
}
