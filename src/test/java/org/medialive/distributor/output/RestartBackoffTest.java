package org.medialive.distributor.output;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBackoffTest {

    private final RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30));

    @Test
    void doublesWithJitterUpToTheCap() {
        long[] lower = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
        for (long expected : lower) {
            long pause = backoff.next(Duration.ofMillis(100)).toMillis();
            assertThat(pause).isBetween(expected, Math.min(60000, (long) (expected * 1.2)));
        }
        assertThat(backoff.failures()).isEqualTo(8);
    }

    @Test
    void aStableRunStartsOver() {
        backoff.next(Duration.ZERO);
        backoff.next(Duration.ZERO);
        assertThat(backoff.next(Duration.ofMinutes(5)).toMillis()).isBetween(1000L, 1200L);
        assertThat(backoff.failures()).isEqualTo(1);
    }
}
