package org.medialive.distributor.monitoring;

import java.io.IOException;
import java.util.Collection;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckResultStrategy;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.support.ApplicationTestProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Camel's per-check strategy lookup finds a bean (no exception per check) and changes no result. */
@CamelSpringBootTest
@SpringBootTest
class UnchangedHealthResultsTest {

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        ApplicationTestProperties.register(registry, "health-results");
    }

    @Test
    void camelFindsTheStrategyInsteadOfAMissingBean() {
        assertThat(camel.getRegistry().findSingleByType(HealthCheckResultStrategy.class))
                .isInstanceOf(UnchangedHealthResults.class);
    }

    @Test
    void camelsReadinessChecksStillReportUp() {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(camel);
        assertThat(results).isNotEmpty()
                .allSatisfy(result -> assertThat(result.getState()).isEqualTo(HealthCheck.State.UP));
    }
}
