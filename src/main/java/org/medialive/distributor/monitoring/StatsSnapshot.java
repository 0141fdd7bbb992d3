package org.medialive.distributor.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CopyOnWriteArrayList;
import org.medialive.distributor.channel.ChannelService;
import org.medialive.distributor.channel.ChannelView;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every channel's status, taken once a second. Metrics, health, the WebSocket and
 * /api/stats all read this one snapshot, so a scrape or a dashboard costs nothing on
 * the streaming path however often it comes.
 */
@Component
public class StatsSnapshot {

    /** What was seen at {@code time}. */
    public record Stats(Instant time, List<ChannelView> channels) {
    }

    private final ChannelService channels;
    private final List<Consumer<Stats>> listeners = new CopyOnWriteArrayList<>();
    private volatile Stats latest = new Stats(Instant.now(), List.of());

    StatsSnapshot(ChannelService channels) {
        this.channels = channels;
    }

    @Scheduled(fixedRate = 1000, initialDelay = 500)
    void refresh() {
        latest = new Stats(Instant.now(), channels.list());
        listeners.forEach(listener -> listener.accept(latest));
    }

    public Stats latest() {
        return latest;
    }

    /** Taken now rather than at the last tick: for a client that has just connected. */
    public Stats fresh() {
        return new Stats(Instant.now(), channels.list());
    }

    /** Called after every refresh, on the refreshing thread. */
    public void onRefresh(Consumer<Stats> listener) {
        listeners.add(listener);
    }
}
