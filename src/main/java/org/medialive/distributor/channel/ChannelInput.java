package org.medialive.distributor.channel;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.RouteTemplates;
import org.medialive.distributor.ingest.ChannelReceiver;
import org.medialive.distributor.ingest.DatagramHandler;
import org.medialive.distributor.ingest.IngestEventLoops;
import org.medialive.distributor.ingest.IngestCounters;
import org.medialive.distributor.monitoring.BitrateMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A channel's ingest: the route made from routes/channel-ingest.camel.yaml, the receiver
 * at its end, and the channel state derived from what arrives. Restarting the input
 * touches only this route; the outputs and their processes carry on.
 */
final class ChannelInput {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelInput.class);
    private static final long RETRY_MILLIS = 5000;

    private final String channelId;
    private final DistributorProperties properties;
    private final RouteTemplates routes;
    private final ApplicationEventPublisher events;
    private final OutputFanout fanout;
    private final BitrateMeter bitrate = new BitrateMeter();
    private volatile ChannelReceiver receiver;
    private volatile ChannelState state = ChannelState.STOPPED;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile long lastAttemptMillis;
    private final InputNotices notices;

    ChannelInput(String channelId, DistributorProperties properties, RouteTemplates routes,
                 ApplicationEventPublisher events, OutputFanout fanout) {
        this.channelId = channelId;
        this.properties = properties;
        this.routes = routes;
        this.events = events;
        this.fanout = fanout;
        this.notices = new InputNotices(channelId, properties.ingest().receiveBuffer().toBytes(), events);
    }

    /** Opens the input; if the port cannot be opened the state is ERROR and it is retried. */
    synchronized void start(InputDefinition input) {
        lastAttemptMillis = System.currentTimeMillis();
        receiver = new ChannelReceiver(InputDefinition.sourceFilter(input.sourceAddress()), properties.ingest().reorderWindow(), fanout);
        notices.reset();
        bitrate.reset();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("channel", channelId);
        parameters.put("address", input.listenAddress());
        parameters.put("port", input.port());
        parameters.put("networkInterface", input.networkInterface() == null ? "lo" : input.networkInterface());
        parameters.put("receiveBufferBytes", properties.ingest().receiveBuffer().toBytes());
        try {
            routes.add("channel-ingest", routeId(), parameters,
                    Map.of("receiver", receiver, "handler", new DatagramHandler(receiver),
                            "eventLoops", IngestEventLoops.shared(properties.ingest())));
            lastError = null;
            moveTo(ChannelState.WAITING, "listening on " + input.listenAddress() + ":" + input.port());
        } catch (RuntimeException e) {
            removeRouteQuietly();
            lastError = "cannot receive on " + input.listenAddress() + ":" + input.port() + ": " + rootMessage(e);
            moveTo(ChannelState.ERROR, lastError);
        }
    }

    synchronized void stop() {
        removeRouteQuietly();
        ChannelReceiver current = receiver;
        if (current != null) {
            current.flushHeld();
        }
        moveTo(ChannelState.STOPPED, "stopped");
    }

    /** Once a second: bitrate, signal/no-signal, and another try at an input that failed to open. */
    void tick(InputDefinition input, long nowMillis) {
        ChannelReceiver current = receiver;
        if (current == null || state == ChannelState.STOPPED) {
            return;
        }
        if (state == ChannelState.ERROR) {
            if (nowMillis - lastAttemptMillis >= RETRY_MILLIS) {
                start(input);
            }
            return;
        }
        current.sampleSocket();
        IngestCounters counters = current.counters();
        bitrate.sample(counters.bytes());
        notices.tick(current, counters);
        long quietMillis = nowMillis - counters.lastPacketMillis();
        if (counters.lastPacketMillis() > 0 && quietMillis < properties.ingest().signalTimeout().toMillis()) {
            moveTo(ChannelState.RECEIVING, "MPEG-TS arriving");
        } else {
            current.flushHeld();
            moveTo(ChannelState.WAITING, counters.lastPacketMillis() == 0 ? "nothing received yet"
                    : "no signal for " + quietMillis / 1000 + " s");
        }
    }

    long receiveBufferRequested() {
        return notices.receiveBufferRequested();
    }

    /** What the operator should fix in this input's setup; empty when all is well. */
    List<String> warnings(InputDefinition input) {
        return notices.warnings(input, counters());
    }

    IngestCounters counters() {
        ChannelReceiver current = receiver;
        return current == null ? IngestCounters.NONE : current.counters();
    }

    ChannelState state() {
        return state;
    }

    Instant since() {
        return since;
    }

    String lastError() {
        return lastError;
    }

    long bitrate() {
        return bitrate.lastSecond();
    }

    long bitrate10s() {
        return bitrate.lastTenSeconds();
    }

    private void moveTo(ChannelState next, String reason) {
        ChannelState previous = state;
        if (previous == next) {
            return;
        }
        state = next;
        since = Instant.now();
        if (next == ChannelState.ERROR || next == ChannelState.WAITING && previous == ChannelState.RECEIVING) {
            LOG.warn("Channel {}: {} -> {} ({})", channelId, previous.word(), next.word(), reason);
        } else {
            LOG.info("Channel {}: {} -> {} ({})", channelId, previous.word(), next.word(), reason);
        }
        events.publishEvent(new ChannelStateChange(channelId, previous, next, reason));
    }

    private void removeRouteQuietly() {
        try {
            routes.remove(routeId(), 5);
        } catch (RuntimeException e) {
            LOG.warn("Channel {}: removing the ingest route failed: {}", channelId, e.getMessage());
        }
    }

    private String routeId() {
        return "ingest-" + channelId;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
