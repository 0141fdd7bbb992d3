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
 * when receiving but an output is retrying or failed, DOWN when started without signal
 * (or its input cannot be opened). Liveness and readiness do not include it: a channel
 * without signal must not get the server restarted or taken out of service.
 */
@Component("channels")
class ChannelsHealth implements CompositeHealthContributor {

    /** Receiving, but not every output delivers. Answered with HTTP 200 (see application.yaml). */
    static final Status DEGRADED = new Status("DEGRADED", "an output is retrying or failed");

    private final StatsSnapshot snapshot;

    ChannelsHealth(StatsSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return snapshot.latest().channels().stream().filter(c -> c.id().equals(name)).findFirst()
                .map(ChannelsHealth::indicator).orElse(null);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return snapshot.latest().channels().stream()
                .map(c -> NamedContributor.<HealthContributor>of(c.id(), indicator(c)))
                .iterator();
    }

    private static HealthIndicator indicator(ChannelView channel) {
        return () -> health(channel);
    }

    static Health health(ChannelView channel) {
        String state = channel.status().state();
        Map<String, Object> outputs = new LinkedHashMap<>();
        boolean outputTrouble = false;
        for (OutputView output : channel.outputs()) {
            outputs.put(output.id(), output.status().state());
            outputTrouble |= output.enabled() && channel.started()
                    && (output.status().state().equals("retrying") || output.status().state().equals("failed"));
        }
        Status status = switch (state) {
            case "stopped" -> Status.UP;
            case "receiving" -> outputTrouble ? DEGRADED : Status.UP;
            default -> Status.DOWN;
        };
        Health.Builder health = Health.status(status).withDetail("state", state).withDetail("outputs", outputs);
        if (channel.status().lastError() != null) {
            health.withDetail("lastError", channel.status().lastError());
        }
        // setup problems do not change the status (the stream may flow), but are shown with it
        if (channel.status().warnings() != null && !channel.status().warnings().isEmpty()) {
            health.withDetail("warnings", channel.status().warnings());
        }
        if (channel.status().kernelDrops() > 0) {
            health.withDetail("kernelDrops", channel.status().kernelDrops());
        }
        return health.build();
    }
}
