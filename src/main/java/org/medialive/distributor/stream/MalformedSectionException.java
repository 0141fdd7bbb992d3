package org.medialive.distributor.stream;

/** A section whose fields contradict its own lengths; the analyzer counts it instead of failing. */
public final class MalformedSectionException extends Exception {

    MalformedSectionException(String message) {
        super(message, null, false, false);
    }
}
