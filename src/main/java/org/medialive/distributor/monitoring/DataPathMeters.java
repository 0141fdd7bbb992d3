package org.medialive.distributor.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * What the data path gave up to stay on time: events dropped at a full {@link EventHandOff}
 * ({@code distributor_events_dropped_total}) and dashboard WebSockets closed for not reading
 * ({@code distributor_websocket_dropped_total}); any increase deserves a look.
 */
@Component
class DataPathMeters implements MeterBinder {

    private final EventHandOff events;
    private final DataPathDrops drops;

    DataPathMeters(EventHandOff events, DataPathDrops drops) {
        this.events = events;
        this.drops = drops;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("distributor.events.dropped", drops, DataPathDrops::events)
                .description("Events (cues, state changes) dropped because the hand-off queue was full")
                .register(registry);
        Gauge.builder("distributor.events.queued", events, EventHandOff::queued)
                .description("Events waiting in the hand-off queue")
                .register(registry);
        FunctionCounter.builder("distributor.websocket.dropped", drops, DataPathDrops::websockets)
                .description("Dashboard WebSocket clients closed because they did not take their messages in time")
                .register(registry);
    }
}
