package org.medialive.distributor.output;

import java.util.function.Consumer;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.monitoring.EventHandOff;
import org.medialive.distributor.RouteTemplates;
import org.springframework.stereotype.Component;

/** Makes {@link Output}s and gives them what they share: settings, routes, the pid registry, events, the FIFO flusher. */
@Component
public class OutputFactory {

    private final DistributorProperties properties;
    private final RouteTemplates routes;
    private final ProcessRegistry registry;
    /** Status changes go through the hand-off, so a slow WebSocket never holds up a supervisor. */
    private final EventHandOff events;
    private final FifoFlusher flusher;
    private final ProcessStopper stopper;

    OutputFactory(DistributorProperties properties, RouteTemplates routes, ProcessRegistry registry,
                  EventHandOff events, FifoFlusher flusher, ProcessStopper stopper) {
        this.properties = properties;
        this.routes = routes;
        this.registry = registry;
        this.events = events;
        this.flusher = flusher;
        this.stopper = stopper;
    }

    /**
     * A new, stopped output of channel {@code channelId}; the definition must be validated.
     * @param cues the channel's SCTE-35 analysis, to check that the output forwards every cue
     */
    public Output create(String channelId, OutputDefinition definition, CueSource cues) {
        return new Output(channelId, definition, Destinations.parse(definition.url()), cues, this);
    }

    DistributorProperties properties() {
        return properties;
    }

    RouteTemplates routes() {
        return routes;
    }

    FifoFlusher flusher() {
        return flusher;
    }

    ProcessStopper stopper() {
        return stopper;
    }

    ProcessRegistry registry() {
        return registry;
    }

    /** State changes and problems are published as application events; monitoring subscribes to them. */
    Consumer<Object> listener() {
        return events::publishEvent;
    }
}
