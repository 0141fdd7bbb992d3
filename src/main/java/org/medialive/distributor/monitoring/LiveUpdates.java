package org.medialive.distributor.monitoring;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.medialive.distributor.channel.ChannelStateChange;
import org.medialive.distributor.channel.ChannelTickStuck;
import org.medialive.distributor.channel.CueSeen;
import org.medialive.distributor.control.ApiJson;
import org.medialive.distributor.output.OutputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The dashboard's live feed at {@code /ws}: a full snapshot on connect and every second,
 * and events as they happen. Message types are documented in docs/API.md ("WebSocket").
 * Events arrive through the {@link EventHandOff}, never on the ingest thread; messages are
 * built once and sent on a pool of our own, one send per session at a time. A client that
 * stops reading is closed and counted once its unsent messages pass the buffer limit or a
 * send has waited longer than the send-time limit; it slows nobody else.
 */
@Component
public class LiveUpdates extends TextWebSocketHandler implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);

    private final StatsSnapshot snapshot;
    private final ApiJson json;
    private final int sendTimeLimitMillis;
    private final int bufferLimitBytes;
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    /** A thread per session blocked in a send at most: the decorator makes the others buffer and return. */
    private final ExecutorService sends = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "websocket-send");
        thread.setDaemon(true);
        return thread;
    });
    private final LongAdder dropped = new LongAdder();

    LiveUpdates(StatsSnapshot snapshot, ApiJson json,
                @Value("${distributor.websocket.send-time-limit:5s}") Duration sendTimeLimit,
                @Value("${distributor.websocket.buffer-limit:512KB}") DataSize bufferLimit) {
        this.snapshot = snapshot;
        this.json = json;
        this.sendTimeLimitMillis = (int) sendTimeLimit.toMillis();
        this.bufferLimitBytes = (int) bufferLimit.toBytes();
        snapshot.onRefresh(stats -> {
            if (!sessions.isEmpty()) { // with no dashboard open, no JSON to build every second
                broadcast(snapshotMessage(stats));
            }
        });
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        TomcatSendTimeout.limit(session, sendTimeLimitMillis);
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, sendTimeLimitMillis, bufferLimitBytes,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        sessions.put(session.getId(), safe);
        String first = snapshotMessage(snapshot.fresh());
        sends.execute(() -> send(safe, first));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sessions.remove(session.getId());
    }

    /** Clients closed because they did not take their messages in time, since start. */
    public long dropped() {
        return dropped.sum();
    }

    /** Clients connected now. */
    public int connected() {
        return sessions.size();
    }

    @Override
    public void destroy() {
        sends.shutdownNow();
    }

    @EventListener
    void outputChanged(OutputStatus.Change change) {
        broadcast(event("output-state", change.channel(), change.output(),
                Map.of("from", change.from().word(), "to", change.to().word(), "reason", change.reason())));
    }

    @EventListener
    void outputProblem(OutputStatus.Problem problem) {
        broadcast(event("error", problem.channel(), problem.output(), Map.of("message", problem.message())));
    }

    @EventListener
    void channelChanged(ChannelStateChange change) {
        broadcast(event("channel-state", change.channel(), null,
                Map.of("from", change.from().word(), "to", change.to().word(), "reason", change.reason())));
    }

    @EventListener
    void channelStuck(ChannelTickStuck stuck) {
        broadcast(event("channel-stuck", stuck.channel(), null, Map.of("stuck", stuck.stuck(), "reason", stuck.reason())));
    }

    @EventListener
    void cueSeen(CueSeen seen) {
        broadcast(event("cue", seen.channel(), null, Map.of("cue", seen.cue())));
    }

    private String snapshotMessage(StatsSnapshot.Stats stats) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "snapshot");
        message.put("time", stats.time());
        message.put("channels", stats.channels());
        return json.write(message);
    }

    private String event(String type, String channel, String output, Map<String, Object> fields) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("time", Instant.now());
        message.put("channel", channel);
        if (output != null) {
            message.put("output", output);
        }
        message.putAll(fields);
        return json.write(message);
    }

    /** Hands each session its own send: one that fails or blocks leaves the others untouched. */
    private void broadcast(String message) {
        for (WebSocketSession session : sessions.values()) {
            sends.execute(() -> send(session, message));
        }
    }

    private void send(WebSocketSession session, String message) {
        try {
            if (session.isOpen()) {
                session.sendMessage(new TextMessage(message));
            }
        } catch (SessionLimitExceededException e) {
            drop(session, e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Tomcat's blocking send gave up (send-time limit), or the connection broke
            drop(session, e.toString());
        }
    }

    private void drop(WebSocketSession session, String why) {
        if (sessions.remove(session.getId()) == null) {
            return; // already dropped by another send, or closed by the client
        }
        dropped.increment();
        LOG.warn("Dashboard WebSocket {} dropped: {}", session.getId(), why);
        try {
            session.close(CloseStatus.SESSION_NOT_RELIABLE);
        } catch (IOException | RuntimeException ignored) {
            // the connection is unusable either way; Tomcat releases it
        }
    }
}
