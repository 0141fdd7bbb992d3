package org.medialive.distributor.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CopyOnWriteArrayList;
import org.medialive.distributor.channel.ChannelService;
import org.medialive.distributor.channel.ChannelView;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Every channel's status, taken once a second. Metrics, health, the WebSocket and
 * /api/stats all read this one snapshot, so a scrape or a dashboard costs nothing on
 * the streaming path however often it comes. It is taken on a thread of its own, not on
 * Spring's shared scheduler, so nothing else scheduled can delay it or be delayed by it.
 */
@Component
public class StatsSnapshot implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(StatsSnapshot.class);

    /** What was seen at {@code time}. */
    public record Stats(Instant time, List<ChannelView> channels, Drops drops) {
    }

    /** Totals since start: events dropped at the hand-off, dashboard WebSockets closed for not reading. */
    public record Drops(long events, long websockets) {
    }

    private final ChannelService channels;
    private final DataPathDrops drops;
    private final List<Consumer<Stats>> listeners = new CopyOnWriteArrayList<>();
    private volatile Stats latest = new Stats(Instant.now(), List.of(), new Drops(0, 0));
    private ScheduledExecutorService clock;

    StatsSnapshot(ChannelService channels, DataPathDrops drops) {
        this.channels = channels;
        this.drops = drops;
    }

    @jakarta.annotation.PostConstruct
    synchronized void startRefreshing() {
        clock = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stats-refresh");
            thread.setDaemon(true);
            return thread;
        });
        clock.scheduleAtFixedRate(this::refreshSafely, 500, 1000, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void destroy() {
        if (clock != null) {
            clock.shutdownNow();
        }
    }

    void refresh() {
        latest = take();
        listeners.forEach(listener -> listener.accept(latest));
    }

    private Stats take() {
        return new Stats(Instant.now(), channels.list(), new Drops(drops.events(), drops.websockets()));
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // an exception would end the schedule: metrics, health and dashboards would freeze
            LOG.error("Stats refresh failed", e);
        }
    }

    public Stats latest() {
        return latest;
    }

    /** Taken now rather than at the last tick: for a client that has just connected. */
    public Stats fresh() {
        return take();
    }

    /** Called after every refresh, on the refreshing thread. */
    public void onRefresh(Consumer<Stats> listener) {
        listeners.add(listener);
    }
}
