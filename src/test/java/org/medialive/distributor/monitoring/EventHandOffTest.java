package org.medialive.distributor.monitoring;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventHandOffTest {

    private final CountDownLatch listenerMayGo = new CountDownLatch(1);
    private final List<Object> delivered = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final DataPathDrops drops = new DataPathDrops();
    private EventHandOff handOff;

    @AfterEach
    void stop() {
        listenerMayGo.countDown();
        handOff.destroy();
    }

    @Test
    void deliversInOrderOnItsOwnThread() {
        handOff = new EventHandOff(event -> {
            threads.add(Thread.currentThread().getName());
            delivered.add(event);
        }, 16, drops);

        for (int i = 0; i < 10; i++) {
            handOff.publishEvent(i);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 10);
        assertThat(delivered).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(threads).containsOnly("event-hand-off");
        assertThat(drops.events()).isZero();
    }

    @Test
    void aFullHandOffDropsAndCountsEventsWhileThePublisherGoesOnAtFullSpeed() {
        handOff = new EventHandOff(event -> {
            try {
                listenerMayGo.await(30, TimeUnit.SECONDS); // a listener stuck on a WebSocket, say
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(event);
        }, 100, drops);
        handOff.publishEvent("first"); // taken by the dispatcher, which then blocks in the listener
        await().atMost(Duration.ofSeconds(5)).until(() -> handOff.queued() == 0);

        // the "datagram path": a tight loop that publishes an event per datagram
        long datagrams = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 200_000; i++) {
            handOff.publishEvent(i);
            datagrams++;
        }
        long elapsed = System.nanoTime() - started;

        assertThat(datagrams).as("every datagram went on").isEqualTo(200_000);
        assertThat(elapsed).as("never waited for the stuck listener").isLessThan(TimeUnit.SECONDS.toNanos(2));
        assertThat(handOff.queued()).isEqualTo(100);
        assertThat(drops.events()).isEqualTo(200_000 - 100);

        listenerMayGo.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 101);
        assertThat(delivered.subList(0, 3)).containsExactly("first", 0, 1);
    }

    @Test
    void aListenerThatThrowsDoesNotEndDelivery() {
        handOff = new EventHandOff(event -> {
            if (event.equals("bad")) {
                throw new IllegalStateException("listener bug");
            }
            delivered.add(event);
        }, 16, drops);

        handOff.publishEvent("bad");
        handOff.publishEvent("good");

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.contains("good"));
    }
}
