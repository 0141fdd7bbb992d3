package org.medialive.distributor.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's side of the load: one client on {@code /ws}, as an open dashboard is, noting
 * when each snapshot arrives. The server sends one a second, so the gaps between them show
 * whether the live view kept up on a busy box; a gap of several seconds is a dashboard that froze.
 */
final class LiveFeedWatcher implements WebSocket.Listener, AutoCloseable {

    static final String KEY = "/ws snapshots";

    private final StringBuilder partial = new StringBuilder();
    private final List<Double> gapsMillis = new ArrayList<>();
    private long lastSnapshotNanos;
    private int failures;
    private boolean closing;
    private WebSocket socket;

    /** Connects with the bench's API token; a connection that fails is counted, not thrown. */
    static LiveFeedWatcher start(int port, String token) {
        LiveFeedWatcher watcher = new LiveFeedWatcher();
        try {
            watcher.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), watcher)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception refused) {
            watcher.failed();
        }
        return watcher;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            // the type comes first; parsing 50 channels' snapshot every second would only load the harness
            if (partial.substring(0, Math.min(40, partial.length())).contains("\"type\":\"snapshot\"")) {
                snapshotArrived(System.nanoTime());
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failed();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        failed(); // the server closes a feed only when it drops a client
        return null;
    }

    private synchronized void snapshotArrived(long nanos) {
        if (lastSnapshotNanos != 0) {
            gapsMillis.add((nanos - lastSnapshotNanos) / 1e6);
        }
        lastSnapshotNanos = nanos;
    }

    private synchronized void failed() {
        if (!closing) {
            failures++;
        }
    }

    /** Gaps between consecutive snapshots, in milliseconds; failures are lost connections. */
    synchronized DesignResult.Timing gaps() {
        return DesignResult.Timing.of(gapsMillis, failures);
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true; // our own close is not a lost connection
            long silentMillis = lastSnapshotNanos == 0 ? 0 : (System.nanoTime() - lastSnapshotNanos) / 1_000_000;
            if (silentMillis > 1000) { // a feed that froze near the end must show as a gap as well
                gapsMillis.add((double) silentMillis);
            }
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
