package org.medialive.distributor.channel;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * DOWN while any channel's tick is stuck, with each such channel and why
 * ("tick has not returned for N s"); shown as {@code tickWatchdog} in /actuator/health.
 */
@Component("tickWatchdog")
class TickWatchdogHealth implements HealthIndicator {

    private final ChannelTicks ticks;

    TickWatchdogHealth(ChannelTicks ticks) {
        this.ticks = ticks;
    }

    @Override
    public Health health() {
        var stuck = ticks.stuck();
        return stuck.isEmpty() ? Health.up().build() : Health.down().withDetails(stuck).build();
    }
}
