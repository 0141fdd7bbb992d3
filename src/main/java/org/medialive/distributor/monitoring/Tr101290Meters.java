package org.medialive.distributor.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.medialive.distributor.channel.ChannelView;
import org.medialive.distributor.stream.Indicator;
import org.medialive.distributor.stream.IndicatorCount;

/**
 * {@code distributor.channel.tr101290.errors{channel, indicator, priority}}: one counter per
 * ETSI TR 101 290 indicator of a channel's input, so an alert can select priority 1.
 */
final class Tr101290Meters {

    private Tr101290Meters() {
    }

    static List<Meter> register(MeterRegistry registry, String channelId, Function<String, ChannelView> channel) {
        List<Meter> meters = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            Tags tags = Tags.of("channel", channelId, "indicator", indicator.tag(), "priority", String.valueOf(indicator.priority()));
            meters.add(FunctionCounter.builder("distributor.channel.tr101290.errors", channelId, id -> count(channel.apply(id), indicator))
                    .description("ETSI TR 101 290 errors on the input, per indicator").tags(tags).register(registry));
        }
        return meters;
    }

    private static double count(ChannelView channel, Indicator indicator) {
        if (channel == null || channel.stream() == null) {
            return 0;
        }
        for (IndicatorCount count : channel.stream().tr101290()) {
            if (count.indicator().equals(indicator.tag())) {
                return count.count();
            }
        }
        return 0;
    }
}
