package org.medialive.distributor.monitoring;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.medialive.distributor.channel.ChannelStateChange;
import org.medialive.distributor.channel.ChannelTickStuck;
import org.medialive.distributor.channel.CueSeen;
import org.medialive.distributor.channel.InputSwitch;
import org.medialive.distributor.channel.SenderRestarted;
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
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The dashboard's live feed at {@code /ws}: a full snapshot on connect and every second,
 * and events as they happen. Message types are documented in docs/API.md ("WebSocket").
 * Events arrive through the {@link EventHandOff}, never on the ingest thread; messages are
 * built once and sent in order on a pool of our own, one send per client at a time
 * ({@link DashboardClient}). A client that stops reading is closed and counted once a send
 * to it has been blocked longer than the send-time limit, its unsent messages pass the
 * buffer limit, or it has answered no ping (one a second) for the pong timeout; it slows
 * nobody else.
 */
@Component
public class LiveUpdates extends TextWebSocketHandler implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);

    private final StatsSnapshot snapshot;
    private final ApiJson json;
    private final long sendTimeLimitMillis;
    private final long bufferLimitBytes;
    private final long pongTimeoutNanos;
    private final Map<String, DashboardClient> clients = new ConcurrentHashMap<>();
    /** At most one thread per client at a time; one per client that stopped reading, until it is dropped. */
    private final ExecutorService sends = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "websocket-send");
        thread.setDaemon(true);
        return thread;
    });
    private final DataPathDrops drops;

    LiveUpdates(StatsSnapshot snapshot, ApiJson json, DataPathDrops drops,
                @Value("${distributor.websocket.send-time-limit:5s}") Duration sendTimeLimit,
                @Value("${distributor.websocket.buffer-limit:512KB}") DataSize bufferLimit,
                @Value("${distributor.websocket.pong-timeout:15s}") Duration pongTimeout) {
        this.snapshot = snapshot;
        this.json = json;
        this.drops = drops;
        this.sendTimeLimitMillis = sendTimeLimit.toMillis();
        this.bufferLimitBytes = bufferLimit.toBytes();
        this.pongTimeoutNanos = pongTimeout.toNanos();
        snapshot.onRefresh(stats -> {
            if (!clients.isEmpty()) { // with no dashboard open, no JSON to build every second
                broadcast(snapshotMessage(stats));
                pingAll();
            }
        });
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        TomcatSendTimeout.limit(session, sendTimeLimitMillis);
        DashboardClient client = new DashboardClient(session, sends, sendTimeLimitMillis * 1_000_000, bufferLimitBytes,
                this::drop);
        clients.put(session.getId(), client);
        offer(client, snapshotMessage(snapshot.fresh()));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        DashboardClient client = clients.remove(session.getId());
        if (client != null) {
            client.closed(status);
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        DashboardClient client = clients.get(session.getId());
        if (client != null) {
            client.answered();
        }
    }

    private void pingAll() {
        for (DashboardClient client : clients.values()) {
            String refused = client.ping(pongTimeoutNanos);
            if (refused != null) {
                drop(client, refused);
            }
        }
    }

    /** Clients connected now. */
    public int connected() {
        return clients.size();
    }

    /** Whether any dashboard is connected: publishers skip building what nobody would read. */
    public boolean watched() {
        return !clients.isEmpty();
    }

    /** Sends {@code {"type": type, "time": now, ...fields}} to every client (the cluster package's "cluster" message). */
    public void publish(String type, Map<String, ?> fields) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("time", Instant.now());
        message.putAll(fields);
        broadcast(json.write(message));
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
    void senderRestarted(SenderRestarted restart) {
        broadcast(event("sender-restart", restart.channel(), null, Map.of(
                "from", "SSRC " + SenderRestarted.hex(restart.previousSsrc()), "to", "SSRC " + SenderRestarted.hex(restart.ssrc()),
                "reason", restart.since() > 1 ? "RTP sender restarted " + restart.since() + " times in a second" : "RTP sender restarted",
                "total", restart.total())));
    }

    @EventListener
    void channelStuck(ChannelTickStuck stuck) {
        broadcast(event("channel-stuck", stuck.channel(), null, Map.of("stuck", stuck.stuck(), "reason", stuck.reason())));
    }

    @EventListener
    void inputSwitched(InputSwitch change) {
        broadcast(event("input-switch", change.channel(), null, Map.of("from", change.from(), "to", change.to(),
                "reason", change.reason(), "gapMillis", change.gapMillis(), "manual", change.manual())));
    }

    @EventListener
    void cueSeen(CueSeen seen) {
        broadcast(event("cue", seen.channel(), null, Map.of("cue", seen.cue())));
    }

    @EventListener
    void thumbnailTaken(org.medialive.distributor.thumbnail.ThumbnailTaken taken) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("etag", taken.etag()); // null: the channel has no picture now
        broadcast(event("thumbnail", taken.channel(), null, fields));
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

    /** Queues the message for every client: one that fails or blocks leaves the others untouched. */
    private void broadcast(String message) {
        for (DashboardClient client : clients.values()) {
            offer(client, message);
        }
    }

    private void offer(DashboardClient client, String message) {
        String refused = client.offer(message);
        if (refused != null) {
            drop(client, refused);
        }
    }

    private void drop(DashboardClient client, String why) {
        WebSocketSession session = client.session();
        clients.remove(session.getId(), client);
        if (!client.firstDrop()) {
            return; // already dropped, or the client left by itself
        }
        drops.websocketDropped();
        // the close may wait for Tomcat to give up on a blocked send: never on the caller's thread
        sends.execute(() -> {
            LOG.warn("Dashboard WebSocket {} dropped: {}", session.getId(), why);
            try {
                session.close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException | RuntimeException ignored) {
                // the connection is unusable either way; Tomcat releases it
            }
        });
    }
}
