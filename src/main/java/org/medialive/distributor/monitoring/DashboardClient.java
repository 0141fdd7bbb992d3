package org.medialive.distributor.monitoring;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One dashboard's WebSocket with the messages waiting for it. Messages are sent in the order
 * they were offered, by at most one pool thread at a time; {@link #offer} never waits. A
 * client that stops reading shows up here as a send that does not return: once it has taken
 * longer than the send-time limit, or the waiting messages pass the buffer limit, offers
 * are refused and the caller closes the client. (Tomcat also ends the blocked send after the
 * send-time limit, {@link TomcatSendTimeout}.)
 * <p>Whether a send blocks depends on how much the kernels buffer, which can be megabytes: so
 * each client is also pinged, and one that has answered no ping for the pong timeout is not
 * reading (browsers and HTTP clients answer pings by themselves, below any script).
 */
final class DashboardClient {

    /** Told once when a send fails; the client is unusable from then on. */
    interface Failure {
        void failed(DashboardClient client, String why);
    }

    private final WebSocketSession session;
    private final Executor senders;
    private final long sendTimeLimitNanos;
    private final long bufferLimitBytes;
    private final Failure failure;
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong waitingBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean dropped = new AtomicBoolean();
    /** The client closed the connection itself: a send failing after that is not a drop. */
    private volatile boolean left;
    /** When the send in progress started; 0 when none is. */
    private volatile long sendStartedNanos;
    /** When the client last answered a ping, or connected. */
    private volatile long answeredNanos = System.nanoTime();

    /** A message with what it counts against the buffer limit. */
    private record Waiting(WebSocketMessage<?> message, long size) {
    }

    DashboardClient(WebSocketSession session, Executor senders, long sendTimeLimitNanos, long bufferLimitBytes,
                    Failure failure) {
        this.session = session;
        this.senders = senders;
        this.sendTimeLimitNanos = sendTimeLimitNanos;
        this.bufferLimitBytes = bufferLimitBytes;
        this.failure = failure;
    }

    WebSocketSession session() {
        return session;
    }

    /**
     * Whether this is the first drop of a client that did not leave by itself. Tomcat may close
     * a session whose send timed out before our own check sees it (both use the send-time
     * limit), so being gone from the list of clients does not mean it was not dropped.
     */
    boolean firstDrop() {
        return !left && dropped.compareAndSet(false, true);
    }

    /** The connection closed; a normal close or "going away" is the client leaving. */
    void closed(CloseStatus status) {
        left = status.equalsCode(CloseStatus.NORMAL) || status.equalsCode(CloseStatus.GOING_AWAY);
    }

    /** The client answered a ping. */
    void answered() {
        answeredNanos = System.nanoTime();
    }

    /**
     * Queues a ping, unless the client has answered none for longer than the timeout.
     * @return null if queued, else why this client is over its limits
     */
    String ping(long pongTimeoutNanos) {
        long silent = System.nanoTime() - answeredNanos;
        if (silent > pongTimeoutNanos) {
            return "it answered no ping for " + silent / 1_000_000 + " ms (it stopped reading)";
        }
        return offer(new PingMessage(), 2);
    }

    /**
     * Queues a message for sending.
     * @return null if queued, else why this client is over its limits (the message is not queued)
     */
    String offer(String message) {
        return offer(new TextMessage(message), (long) message.length() * 3); // UTF-8 upper bound; exactness does not matter here
    }

    private String offer(WebSocketMessage<?> message, long size) {
        long started = sendStartedNanos;
        if (started != 0 && System.nanoTime() - started > sendTimeLimitNanos) {
            return "a send has been blocked for over " + sendTimeLimitNanos / 1_000_000 + " ms";
        }
        if (waitingBytes.addAndGet(size) > bufferLimitBytes) {
            waitingBytes.addAndGet(-size);
            return "over " + bufferLimitBytes + " bytes waiting to be sent";
        }
        waiting.add(new Waiting(message, size));
        if (draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
        return null;
    }

    private void drain() {
        do {
            Waiting next;
            while ((next = waiting.poll()) != null) {
                waitingBytes.addAndGet(-next.size());
                if (!send(next.message())) {
                    return; // stays "draining": nothing more is sent to a failed client
                }
            }
            draining.set(false);
            // an offer may have queued a message after the poll above and seen "draining"
        } while (!waiting.isEmpty() && draining.compareAndSet(false, true));
    }

    private boolean send(WebSocketMessage<?> message) {
        sendStartedNanos = System.nanoTime();
        try {
            if (session.isOpen()) {
                session.sendMessage(message);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            failure.failed(this, e.toString());
            return false;
        } finally {
            sendStartedNanos = 0;
        }
    }
}
