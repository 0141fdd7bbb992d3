package org.medialive.distributor.security;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/processVisibility}: always UP (a readable command line is a risk to fix,
 * not a reason to restart or stop serving), with a {@code warning} detail when secrets are
 * visible to other local users. The dashboard shows that warning as a banner.
 */
@Component("processVisibilityHealthIndicator")  // Spring names the component "processVisibility"
class ProcessVisibilityHealth implements HealthIndicator {

    private final ProcessVisibility visibility;

    ProcessVisibilityHealth(ProcessVisibility visibility) {
        this.visibility = visibility;
    }

    @Override
    public Health health() {
        ProcessVisibility.Finding finding = visibility.finding();
        Health.Builder health = Health.up()
                .withDetail("commandLinesVisibleToOtherUsers", finding.exposed())
                .withDetail("evidence", finding.evidence());
        if (finding.exposed()) {
            health.withDetail("warning", ProcessVisibility.ADVICE);
        }
        return health.build();
    }
}
