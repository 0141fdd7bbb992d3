package org.medialive.distributor.monitoring;

import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * What was given up so that the data path stays on time: events dropped at a full
 * {@link EventHandOff}, dashboard WebSockets closed for not reading. Shown in /api/stats
 * and as metrics ({@link DataPathMeters}).
 */
@Component
public class DataPathDrops {

    private final LongAdder events = new LongAdder();
    private final LongAdder websockets = new LongAdder();

    void eventDropped() {
        events.increment();
    }

    void websocketDropped() {
        websockets.increment();
    }

    public long events() {
        return events.sum();
    }

    public long websockets() {
        return websockets.sum();
    }
}
