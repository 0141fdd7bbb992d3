package org.medialive.distributor.monitoring;

import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.health.HealthCheckResultStrategy;
import org.springframework.stereotype.Component;

/**
 * Leaves Camel's health check results as they are. It exists because Camel looks this strategy
 * up in the registry for every check it runs, and Spring answers a lookup that finds nothing by
 * building and throwing an exception with a full stack trace. With a check per route (one per
 * channel and per output) and three health groups asking, one {@code /actuator/health} call
 * threw hundreds of them: most of the endpoint's time, and the largest allocation of the API
 * threads under load (docs/PERFORMANCE.md). Found, this bean makes each lookup a plain hit.
 */
@Component
class UnchangedHealthResults implements HealthCheckResultStrategy {

    @Override
    public void processResult(HealthCheck check, Map<String, Object> options, HealthCheckResultBuilder builder) {
        // the check's own result is the one to report
    }
}
