package org.medialive.distributor.routes;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a route file that does not load into a short start-up failure naming the file, line and reason. */
class InvalidRouteFileFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRouteFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRouteFileException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct the file in distributor.routes-dir, or move it away: the copy packed into the jar is used instead.", cause);
    }
}
