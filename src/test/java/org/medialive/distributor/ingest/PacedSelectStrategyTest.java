package org.medialive.distributor.ingest;

import io.netty.channel.SelectStrategy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacedSelectStrategyTest {

    private final PacedSelectStrategy strategy = new PacedSelectStrategy(1_000_000);
    private final AtomicInteger looks = new AtomicInteger();

    @Test
    void readsWhatIsReadyAfterThePause() throws Exception {
        assertThat(strategy.calculateStrategy(() -> looks.incrementAndGet() * 3, false)).isEqualTo(3);
        assertThat(looks).hasValue(1);
    }

    @Test
    void goesBackToPausingWhenNothingIsReadyWithoutTellingNettyOfAnEmptySelect() throws Exception {
        assertThat(strategy.calculateStrategy(() -> {
            looks.incrementAndGet();
            return 0;
        }, false)).isEqualTo(SelectStrategy.CONTINUE);
        assertThat(looks).hasValue(1);
    }

    @Test
    void runsWaitingTasksAndLooksAtTheSocketsTooWhenTheLoopHasTasks() throws Exception {
        assertThat(strategy.calculateStrategy(() -> {
            looks.incrementAndGet();
            return 0;
        }, true)).isZero();
        assertThat(looks).hasValue(1);
    }
}
