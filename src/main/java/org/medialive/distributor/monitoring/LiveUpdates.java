package org.medialive.distributor.monitoring;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.medialive.distributor.channel.ChannelStateChange;
import org.medialive.distributor.channel.CueSeen;
import org.medialive.distributor.channel.SenderRestarted;
import org.medialive.distributor.control.ApiJson;
import org.medialive.distributor.output.OutputStatus;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The dashboard's live feed at {@code /ws}: a full snapshot on connect and every second,
 * and events the moment they happen. Message types are documented in docs/API.md
 * ("WebSocket"). A client too slow to keep up loses messages, never slows the server.
 */
@Component
public class LiveUpdates extends TextWebSocketHandler {

    private static final int SEND_TIME_LIMIT_MS = 5000;
    private static final int BUFFER_LIMIT_BYTES = 2 * 1024 * 1024;

    private final StatsSnapshot snapshot;
    private final ApiJson json;
    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

    LiveUpdates(StatsSnapshot snapshot, ApiJson json) {
        this.snapshot = snapshot;
        this.json = json;
        snapshot.onRefresh(stats -> {
            if (!sessions.isEmpty()) { // with no dashboard open, no JSON to build every second
                broadcast(snapshotMessage(stats));
            }
        });
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.DROP);
        sessions.add(safe);
        send(safe, snapshotMessage(snapshot.fresh()));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sessions.removeIf(s -> s.getId().equals(session.getId()));
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
    void senderRestarted(SenderRestarted restart) {
        broadcast(event("sender-restart", restart.channel(), null, Map.of(
                "from", "SSRC " + SenderRestarted.hex(restart.previousSsrc()), "to", "SSRC " + SenderRestarted.hex(restart.ssrc()),
                "reason", restart.since() > 1 ? "RTP sender restarted " + restart.since() + " times in a second" : "RTP sender restarted",
                "total", restart.total())));
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

    private void broadcast(String message) {
        sessions.forEach(session -> send(session, message));
    }

    private void send(WebSocketSession session, String message) {
        try {
            if (session.isOpen()) {
                session.sendMessage(new TextMessage(message));
            }
        } catch (IOException | IllegalStateException gone) {
            sessions.remove(session);
        }
    }
}
