package org.medialive.distributor.channel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real threads and clocks: one channel's tick blocks, the other's must go on. */
class ChannelTicksTest {

    private final CountDownLatch unblock = new CountDownLatch(1);
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private ChannelTicks ticks;

    @AfterEach
    void stop() throws InterruptedException {
        unblock.countDown();
        ticks.destroy();
        for (Process process : started) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private record FakeChannel(String id, AtomicInteger ticks, Runnable work) implements Ticking {
        @Override
        public void tick(long nowMillis) {
            ticks.incrementAndGet();
            work.run();
        }
    }

    private void block() {
        try {
            unblock.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aBlockedTickIsReportedStuckWhileTheOtherChannelKeepsTicking() {
        AtomicInteger blockedTicks = new AtomicInteger();
        AtomicInteger healthyTicks = new AtomicInteger();
        List<Ticking> channels = List.of(new FakeChannel("blocked", blockedTicks, this::block),
                new FakeChannel("healthy", healthyTicks, () -> { }));
        ticks = new ChannelTicks(() -> channels, events::add, Duration.ofMillis(500));
        ticks.start(Duration.ofMillis(100));

        await("reported stuck").atMost(Duration.ofSeconds(5)).until(() -> ticks.stuck().containsKey("blocked"));
        assertThat(ticks.stuck().get("blocked")).startsWith("tick has not returned for ");
        assertThat(ticks.stuck()).doesNotContainKey("healthy");
        assertThat(events).hasSize(1);
        ChannelTickStuck reported = (ChannelTickStuck) events.get(0);
        assertThat(reported.channel()).isEqualTo("blocked");
        assertThat(reported.stuck()).isTrue();
        assertThat(reported.reason()).startsWith("tick has not returned for ");

        int before = healthyTicks.get();
        await("the other channel goes on ticking").atMost(Duration.ofSeconds(5)).until(() -> healthyTicks.get() >= before + 5);
        assertThat(blockedTicks.get()).as("no second tick piles up behind the blocked one").isEqualTo(1);

        unblock.countDown();
        await("recovered").atMost(Duration.ofSeconds(5)).until(() -> ticks.stuck().isEmpty() && blockedTicks.get() > 1);
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isEqualTo(new ChannelTickStuck("blocked", false, "tick returned"));
    }

    @Test
    void aTickThatTakesAKillsWholeGracePeriodDoesNotDelayAnotherChannelsTick() {
        // a process that ignores SIGTERM, stopped the way a tick used to stop it: TERM, wait the grace, KILL
        AtomicInteger killerTicks = new AtomicInteger();
        AtomicInteger otherTicks = new AtomicInteger();
        List<Long> otherTickTimes = new CopyOnWriteArrayList<>();
        Runnable killWithGrace = () -> {
            try {
                Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; while :; do sleep 0.1; done").start();
                started.add(stubborn);
                stubborn.destroy(); // SIGTERM, ignored
                if (!stubborn.waitFor(1500, TimeUnit.MILLISECONDS)) {
                    stubborn.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the test is over; stop() kills what is left
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        List<Ticking> channels = List.of(new FakeChannel("killing", killerTicks, killWithGrace),
                new FakeChannel("other", otherTicks, () -> otherTickTimes.add(System.nanoTime())));
        ticks = new ChannelTicks(() -> channels, events::add, Duration.ofSeconds(10));
        ticks.start(Duration.ofMillis(100));

        await().atMost(Duration.ofSeconds(10)).until(() -> killerTicks.get() >= 2 && otherTickTimes.size() >= 25);
        long longestGap = 0;
        for (int i = 1; i < otherTickTimes.size(); i++) {
            longestGap = Math.max(longestGap, otherTickTimes.get(i) - otherTickTimes.get(i - 1));
        }
        assertThat(longestGap).as("the other channel's ticks kept their 100 ms rhythm").isLessThan(TimeUnit.MILLISECONDS.toNanos(600));
        assertThat(events).isEmpty();
    }

    @Test
    void aChannelDeletedWhileStuckAndCreatedAgainUnderItsIdTicksAfresh() {
        AtomicInteger oldTicks = new AtomicInteger();
        AtomicInteger newTicks = new AtomicInteger();
        FakeChannel old = new FakeChannel("x", oldTicks, this::block);
        FakeChannel recreated = new FakeChannel("x", newTicks, () -> { });
        java.util.concurrent.atomic.AtomicReference<List<Ticking>> channels = new java.util.concurrent.atomic.AtomicReference<>(List.of(old));
        ticks = new ChannelTicks(channels::get, events::add, Duration.ofMillis(300));
        ticks.start(Duration.ofMillis(100));
        await("old one stuck").atMost(Duration.ofSeconds(5)).until(() -> ticks.stuck().containsKey("x"));

        channels.set(List.of(recreated));

        await("the new one ticks").atMost(Duration.ofSeconds(5)).until(() -> newTicks.get() >= 3);
        assertThat(ticks.stuck()).as("the deleted channel is no longer reported").isEmpty();
    }
}
