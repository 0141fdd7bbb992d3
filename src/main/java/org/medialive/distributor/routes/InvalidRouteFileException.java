package org.medialive.distributor.routes;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** A route file that does not load: start-up stops with the file, the line and the reason. */
public class InvalidRouteFileException extends RuntimeException {

    InvalidRouteFileException(String message) {
        super(message);
    }

    static InvalidRouteFileException of(String file, Throwable failure) {
        Integer line = null;
        String reason = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (line == null && cause instanceof MarkedYamlEngineException marked) {
                Mark mark = marked.getProblemMark().or(marked::getContextMark).orElse(null);
                if (mark != null) {
                    line = mark.getLine() + 1;
                }
                reason = firstLine(marked.getProblem() != null ? marked.getProblem() : marked.getMessage());
            }
            if (reason == null && cause.getCause() == null) {
                reason = firstLine(cause.getMessage());
            }
        }
        return new InvalidRouteFileException("Cannot start: route file " + file
                + (line == null ? "" : " line " + line) + " is not valid: " + reason
                + ". Fix the file (docs/ROUTES.md says what each template must keep) or remove it to use the packaged copy.");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
