package org.medialive.distributor.output;

/** Where an output is in its life; the API and dashboard show these words. */
public enum OutputState {
    /** Not running: disabled, or its channel is stopped. */
    STOPPED,
    /** Process started, destination not confirmed yet. */
    STARTING,
    /** Process up and delivering (SRT connected or listening, RTMP publishing). */
    RUNNING,
    /** Process or connection failed; it is restarted after a pause. */
    RETRYING,
    /** Gave up after the configured number of restarts; needs an operator. */
    FAILED;

    public String word() {
        return name().toLowerCase();
    }
}
