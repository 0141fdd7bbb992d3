package org.medialive.distributor.control;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;

/** The swagger-parser's verdict on an OpenAPI document: what integration engineers' tools would complain about. */
final class OpenApiValidation {

    private OpenApiValidation() {
    }

    /** Every error and warning swagger-parser reports, references resolved; empty when the document is valid. */
    static List<String> problems(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        List<String> problems = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            problems.add("not parsed as OpenAPI at all");
        }
        return problems;
    }
}
