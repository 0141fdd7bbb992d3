package org.medialive.distributor.output;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state of one output, written by its supervisor and the parser of its process's
 * messages, read by the API and monitoring. Every state change is logged once, with why.
 */
public final class OutputStatus {

    private static final Logger LOG = LoggerFactory.getLogger(OutputStatus.class);

    /** A state change, as published to listeners (the WebSocket among them). */
    public record Change(String channel, String output, OutputState from, OutputState to, String reason) {
    }

    /** A problem the process reported or the supervisor saw; already free of secrets. */
    public record Problem(String channel, String output, String message) {
    }

    private final String channel;
    private final String output;
    private final Consumer<Object> listener;
    private volatile OutputState state = OutputState.STOPPED;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Boolean connected;
    private volatile Map<String, Object> link = Map.of();

    /** @param listener receives every {@link Change} and {@link Problem} */
    OutputStatus(String channel, String output, Consumer<Object> listener) {
        this.channel = channel;
        this.output = output;
        this.listener = listener;
    }

    /** Moves to {@code next} and logs it, unless already there. */
    public void moveTo(OutputState next, String reason) {
        OutputState previous;
        synchronized (this) {
            previous = state;
            if (previous == next) {
                return;
            }
            state = next;
            since = Instant.now();
        }
        if (next == OutputState.RETRYING || next == OutputState.FAILED) {
            LOG.warn("Output {}/{}: {} -> {} ({})", channel, output, previous.word(), next.word(), reason);
        } else {
            LOG.info("Output {}/{}: {} -> {} ({})", channel, output, previous.word(), next.word(), reason);
        }
        listener.accept(new Change(channel, output, previous, next, reason));
    }

    /** Records a problem to show the operator; the text must already be free of secrets. */
    public void error(String message) {
        lastError = message;
        lastErrorAt = Instant.now();
        listener.accept(new Problem(channel, output, message));
    }

    /** SRT: whether a peer is connected now; null where the protocol does not say. */
    public void connected(Boolean value) {
        connected = value;
    }

    /** The newest link statistics the process reported (SRT RTT, retransmissions...). */
    public void link(Map<String, Object> stats) {
        link = Map.copyOf(stats);
    }

    public OutputState state() {
        return state;
    }

    public Instant since() {
        return since;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public Boolean isConnected() {
        return connected;
    }

    public Map<String, Object> link() {
        return link;
    }
}
