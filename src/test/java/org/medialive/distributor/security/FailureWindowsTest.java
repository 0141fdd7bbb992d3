package org.medialive.distributor.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureWindowsTest {

    @Test
    void locksAfterTheLimitWithinTheWindowAndForTheLockoutOnly() {
        FailureWindows windows = new FailureWindows(100, 3, 60_000);
        windows.add("k", 0);
        windows.add("k", 1_000);
        assertThat(windows.lockedFor("k", 3, 30_000, 1_500)).isZero();
        assertThat(windows.add("k", 2_000)).isEqualTo(3);
        assertThat(windows.lockedFor("k", 3, 30_000, 2_000)).isEqualTo(30_000);
        assertThat(windows.lockedFor("k", 3, 30_000, 32_001)).isZero();
        windows.clear("k");
        assertThat(windows.lockedFor("k", 3, 30_000, 2_500)).isZero();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        FailureWindows windows = new FailureWindows(100, 3, 10_000);
        windows.add("k", 0);
        windows.add("k", 1_000);
        assertThat(windows.add("k", 20_000)).isEqualTo(1);
    }

    @Test
    void memoryIsBoundedAndForgettingIsCounted() {
        FailureWindows windows = new FailureWindows(1000, 5, 60_000);
        for (int i = 0; i < 100_000; i++) {
            windows.add("invented-name-" + i, i);
        }
        assertThat(windows.size()).isEqualTo(1000);
        assertThat(windows.evictions()).isEqualTo(99_000);
        for (int i = 0; i < 50; i++) {
            windows.add("one-key", i);
        }
        assertThat(windows.add("one-key", 51)).as("times per key are capped at the depth").isEqualTo(5);
    }

    @Test
    void theLeastRecentlyUsedKeyGoesFirst() {
        FailureWindows windows = new FailureWindows(2, 5, 60_000);
        windows.add("a", 0);
        windows.add("b", 0);
        windows.add("a", 1);
        windows.add("c", 2);
        assertThat(windows.lockedFor("a", 2, 10_000, 3)).as("a was used last, b went").isPositive();
        assertThat(windows.lockedFor("b", 1, 10_000, 3)).isZero();
    }
}
