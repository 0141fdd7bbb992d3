package org.medialive.distributor.control;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure of ours, answered as "internal error" with a reference that is also in the log line
 * holding the details. The exception's message never goes to the caller: it may name files,
 * classes or values the caller has no business seeing.
 */
final class InternalErrors {

    private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private InternalErrors() {
    }

    /** Logs {@code failure} under a new reference and returns the message for the caller. */
    static String logged(String request, Throwable failure) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        String reference = HexFormat.of().formatHex(bytes);
        LOG.error("Internal error {} answering {}", reference, request, failure);
        return message(reference);
    }

    static String message(String reference) {
        return "internal error (reference " + reference + "; the server log has the details)";
    }

    /** The reference in a message made by {@link #logged}. */
    static String referenceIn(String message) {
        int start = message.indexOf("reference ") + 10;
        return message.substring(start, start + 12);
    }
}
