package org.medialive.distributor.control;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error page (for requests it refuses before the application sees them,
 * e.g. an encoded "/" in a path) as the API's {@code {"error": "..."}} instead of HTML.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String reason = response.getMessage() == null || response.getMessage().isBlank()
                ? "the request was refused by the web server" : response.getMessage();
        if (status >= 500) {
            reason = InternalErrors.logged(request.getMethod() + " " + request.getRequestURI(), failure);
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":\"" + reason.replace("\\", "\\\\").replace("\"", "'") + " (HTTP " + status + ")\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client went away; nothing to report to
        }
    }
}
