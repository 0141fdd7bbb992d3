package org.medialive.distributor.output;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real process group that ignores SIGTERM: its stop takes the whole grace period, but not the caller's. */
class ProcessStopperTest {

    private final ProcessStopper stopper = new ProcessStopper();
    private ChildProcess child;

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        if (child != null && child.isAlive()) {
            ProcessGroups.signal(child.pid(), "KILL");
        }
        stopper.destroy();
    }

    @Test
    void aStopThatTakesTheWholeGracePeriodDoesNotHoldUpTheCaller() throws Exception {
        child = ChildProcess.start(List.of("sh", "-c", "trap '' TERM; while :; do sleep 0.1; done"), dir,
                new File("/dev/null"), "process-stopper-test", line -> { }, line -> { });
        long grace = 1500;

        long asked = System.nanoTime();
        stopper.stopLater(() -> child.stop(grace));
        long returned = System.nanoTime() - asked;

        assertThat(returned).as("the caller (a channel's tick) goes on at once").isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(child.isAlive()).as("SIGTERM is ignored: still running").isTrue();
        await("SIGKILL after the grace period").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !child.isAlive());
        assertThat(System.nanoTime() - asked).as("the stop took the grace period").isGreaterThan(TimeUnit.MILLISECONDS.toNanos(grace - 100));
    }
}
