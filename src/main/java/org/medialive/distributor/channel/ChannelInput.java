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
import org.medialive.distributor.ingest.TsSink;
import org.medialive.distributor.ingest.fec.FecCounters;
import org.medialive.distributor.ingest.fec.FecDecoder;
import org.medialive.distributor.ingest.SourceFilter;
import org.medialive.distributor.ingest.srt.SrtInput;
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
    private final TsSink fanout;
    /** Null for the channel's input; "backup" for its backupInput (its route id and log lines say so). */
    private final String label;
    private final BitrateMeter bitrate = new BitrateMeter();
    private volatile ChannelReceiver receiver;
    private volatile ChannelState state = ChannelState.STOPPED;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile long lastAttemptMillis;
    private final InputNotices notices;
    private final InputFecRoutes fecRoutes;
    private volatile SrtInput srt;

    ChannelInput(String channelId, DistributorProperties properties, RouteTemplates routes,
                 ApplicationEventPublisher events, TsSink fanout) {
        this(channelId, null, properties, routes, events, fanout);
    }

    ChannelInput(String channelId, String label, DistributorProperties properties, RouteTemplates routes,
                 ApplicationEventPublisher events, TsSink fanout) {
        this.channelId = channelId;
        this.label = label;
        this.properties = properties;
        this.routes = routes;
        this.events = events;
        this.fanout = fanout;
        this.notices = new InputNotices(channelId, properties.ingest().receiveBuffer().toBytes(), events);
        // the backup input's FEC routes are named after it, so a channel can have FEC on both inputs
        this.fecRoutes = new InputFecRoutes(label == null ? channelId : channelId + "." + label, routes, properties);
    }

    /** Opens the input; if the port cannot be opened the state is ERROR and it is retried. */
    synchronized void start(InputDefinition input) {
        if (input.srt() != null) {
            startSrt(input);
            return;
        }
        lastAttemptMillis = System.currentTimeMillis();
        receiver = new ChannelReceiver(InputDefinition.sourceFilter(input.sourceAddress()), properties.ingest().reorderWindow(), fanout,
                input.fecEnabled() ? new FecDecoder() : null);
        notices.reset();
        bitrate.reset();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("channel", label == null ? channelId : channelId + " " + label);
        parameters.put("address", input.listenAddress());
        parameters.put("port", input.port());
        parameters.put("networkInterface", input.networkInterface() == null ? "lo" : input.networkInterface());
        parameters.put("receiveBufferBytes", properties.ingest().receiveBuffer().toBytes());
        try {
            routes.add("channel-ingest", routeId(), parameters,
                    Map.of("receiver", receiver, "handler", new DatagramHandler(receiver),
                            "eventLoops", IngestEventLoops.shared(properties.ingest()), "bootstrap", InputBootstraps.of(input, routes, routeId())));
            lastError = null;
            fecRoutes.start(input, receiver);
            moveTo(ChannelState.WAITING, "listening on " + input.listenAddress() + ":" + input.port());
        } catch (RuntimeException e) {
            removeRouteQuietly();
            lastError = "cannot receive on " + input.listenAddress() + ":" + input.port() + ": " + rootMessage(e);
            moveTo(ChannelState.ERROR, lastError);
        }
    }

    /** An SRT input: srt-live-transmit's stream goes to the same receiver as datagrams do, in place of the UDP route. */
    private void startSrt(InputDefinition input) {
        receiver = new ChannelReceiver(SourceFilter.ANY, properties.ingest().reorderWindow(), fanout);
        notices.reset();
        bitrate.reset();
        lastError = null;
        srt = new SrtInput(label == null ? channelId : channelId + "." + label, SrtInputUrl.parse(input.srt()), receiver, properties);
        srt.start();
        moveTo(ChannelState.WAITING, "SRT input starting");
    }

    synchronized void stop() {
        SrtInput running = srt;
        if (running != null) {
            srt = null;
            running.stop();
        }
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
            String quiet = counters.lastPacketMillis() == 0 ? "nothing received yet" : "no signal for " + quietMillis / 1000 + " s";
            SrtInput running = srt;
            moveTo(ChannelState.WAITING, running == null ? quiet : quiet + ": " + running.link().reason());
        }
    }

    long receiveBufferRequested() {
        return notices.receiveBufferRequested();
    }

    /** What the operator should fix in this input's setup; empty when all is well. */
    List<String> warnings(InputDefinition input) {
        SrtInput running = srt;
        if (running != null) {
            return running.warnings();
        }
        IngestCounters counters = counters();
        List<String> warnings = notices.warnings(input, counters);
        fecRoutes.addWarnings(warnings, input, fecCounters(), counters.lastPacketMillis(), System.currentTimeMillis());
        return warnings;
    }

    /** FEC counters of the running input, or null when FEC is off. */
    FecCounters fecCounters() {
        ChannelReceiver current = receiver;
        return current == null ? null : current.fecCounters();
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
        SrtInput running = srt;
        return running != null ? running.link().lastError() : lastError;
    }

    /** The SRT input's state, reason and link figures; null for an RTP/UDP input. */
    java.util.Map<String, Object> srtLink() {
        SrtInput running = srt;
        return running == null ? null : running.link().view();
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
        String who = label == null ? channelId : channelId + " " + label + " input";
        if (next == ChannelState.ERROR || next == ChannelState.WAITING && previous == ChannelState.RECEIVING) {
            LOG.warn("Channel {}: {} -> {} ({})", who, previous.word(), next.word(), reason);
        } else {
            LOG.info("Channel {}: {} -> {} ({})", who, previous.word(), next.word(), reason);
        }
        if (label != null) {
            return; // the channel's own state follows its active input (Channel.state())
        }
        events.publishEvent(new ChannelStateChange(channelId, previous, next, reason));
    }

    private void removeRouteQuietly() {
        fecRoutes.stop();
        try {
            routes.remove(routeId(), 5);
        } catch (RuntimeException e) {
            LOG.warn("Channel {}: removing the ingest route failed: {}", channelId, e.getMessage());
        }
    }

    private String routeId() {
        // '.' is never in a channel id, so no channel's route can be named like another's backup
        return label == null ? "ingest-" + channelId : "ingest-" + channelId + "." + label;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
