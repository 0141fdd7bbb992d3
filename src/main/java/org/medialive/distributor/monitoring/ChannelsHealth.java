package org.medialive.distributor.monitoring;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.medialive.distributor.channel.ChannelView;
import org.medialive.distributor.output.OutputView;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * One health contributor per channel under {@code /actuator/health/channels/<id>}:
 * UP when stopped on purpose or receiving with every enabled output running, DEGRADED
 * when receiving but an output is retrying or failed or the input had a TR 101 290 priority 1
 * error within {@code distributor.ingest.tr101290.degraded-for}, DOWN when started without signal
 * (or its input cannot be opened). Liveness and readiness do not include it: a channel
 * without signal must not get the server restarted or taken out of service.
 */
@Component("channels")
class ChannelsHealth implements CompositeHealthContributor {

    /** Receiving, but not every output delivers. Answered with HTTP 200 (see application.yaml). */
    static final Status DEGRADED = new Status("DEGRADED", "an output is retrying or failed, or the input has TR 101 290 priority 1 errors");

    private final StatsSnapshot snapshot;
    private final java.time.Duration degradedFor;

    ChannelsHealth(StatsSnapshot snapshot, org.medialive.distributor.DistributorProperties properties) {
        this.snapshot = snapshot;
        this.degradedFor = properties.ingest().tr101290().degradedFor();
    }

    @Override
    public HealthContributor getContributor(String name) {
        return snapshot.latest().channels().stream().filter(c -> c.id().equals(name)).findFirst()
                .map(this::indicator).orElse(null);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return snapshot.latest().channels().stream()
                .map(c -> NamedContributor.<HealthContributor>of(c.id(), indicator(c)))
                .iterator();
    }

    private HealthIndicator indicator(ChannelView channel) {
        return () -> health(channel, RecentPriority1Errors.of(channel, degradedFor, java.time.Instant.now()));
    }

    static Health health(ChannelView channel) {
        return health(channel, java.util.List.of());
    }

    /** @param priority1 TR 101 290 priority 1 indicators raised recently */
    static Health health(ChannelView channel, java.util.List<String> priority1) {
        String state = channel.status().state();
        Map<String, Object> outputs = new LinkedHashMap<>();
        boolean outputTrouble = false;
        for (OutputView output : channel.outputs()) {
            outputs.put(output.id(), output.status().state());
            outputTrouble |= output.enabled() && channel.started()
                    && (output.status().state().equals("retrying") || output.status().state().equals("failed"));
        }
        String redundancy = RedundancyHealth.trouble(channel);
        Status status = switch (state) {
            case "stopped" -> Status.UP;
            case "receiving" -> outputTrouble || redundancy != null || !priority1.isEmpty() ? DEGRADED : Status.UP;
            default -> Status.DOWN;
        };
        Health.Builder health = Health.status(status).withDetail("state", state).withDetail("outputs", outputs);
        RedundancyHealth.details(channel, redundancy, health);
        if (channel.status().lastError() != null) {
            health.withDetail("lastError", channel.status().lastError());
        }
        // setup problems do not change the status (the stream may flow), but are shown with it
        if (channel.status().warnings() != null && !channel.status().warnings().isEmpty()) {
            health.withDetail("warnings", channel.status().warnings());
        }
        if (!priority1.isEmpty()) {
            health.withDetail("tr101290Priority1", priority1);
        }
        if (channel.status().kernelDrops() > 0) {
            health.withDetail("kernelDrops", channel.status().kernelDrops());
        }
        return health.build();
    }
}
