package org.medialive.distributor.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad data file into a short start-up failure that names the file and the problem. */
class InvalidConfigFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct the file (the last version this server accepted is kept beside it as distributor.json.last-good) "
                        + "or move it away to start with no channels.", cause);
    }
}
