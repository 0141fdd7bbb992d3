package org.medialive.distributor.output;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before starting an output's process again: the first restart waits
 * {@code initial}, each further one doubles, up to {@code max}, with up to 20 % random
 * jitter so outputs that failed together do not retry in lock-step. A run that lasted
 * {@code stableAfter} resets the count.
 */
public final class RestartBackoff {

    private final Duration initial;
    private final Duration max;
    private final Duration stableAfter;
    private int failures;

    public RestartBackoff(Duration initial, Duration max, Duration stableAfter) {
        this.initial = initial;
        this.max = max;
        this.stableAfter = stableAfter;
    }

    /** Records a run that ended after {@code ranFor}; returns the pause before the next. */
    public synchronized Duration next(Duration ranFor) {
        if (ranFor.compareTo(stableAfter) >= 0) {
            failures = 0;
        }
        failures++;
        long base = initial.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(base, max.toMillis());
        long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.min(capped + jitter, max.toMillis()));
    }

    /** Consecutive runs that ended before being stable. */
    synchronized int failures() {
        return failures;
    }

    synchronized void reset() {
        failures = 0;
    }
}
