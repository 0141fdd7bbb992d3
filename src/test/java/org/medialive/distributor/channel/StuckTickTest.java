package org.medialive.distributor.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.monitoring.EventHandOff;
import org.medialive.distributor.monitoring.StatsSnapshot;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ApplicationTestProperties;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.RtpDatagrams;
import org.medialive.distributor.support.TestStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole application, with a blocking hook: besides the real channels, the ticker ticks a
 * "frozen" channel whose tick never returns. The watchdog must report it (health DOWN with
 * the reason, an event) while a real channel's ticks, the API and the stats go on.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.allow-bean-definition-overriding=true", "distributor.watchdog.tick-timeout=2s"})
class StuckTickTest {

    static final CountDownLatch THAW = new CountDownLatch(1);
    static final List<ChannelTickStuck> EVENTS = new CopyOnWriteArrayList<>();
    static String password;

    @LocalServerPort
    int port;
    @Autowired
    StatsSnapshot stats;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        password = ApplicationTestProperties.register(registry, "stuck-tick");
    }

    @AfterAll
    static void thaw() {
        THAW.countDown();
    }

    @TestConfiguration
    static class BlockingHook {

        /** Replaces the application's ticker: the same class, ticking one extra channel that blocks. */
        @Bean
        ChannelTicks channelTicks(ChannelRegistry registry, EventHandOff events) {
            Ticking frozen = new Ticking() {
                @Override
                public String id() {
                    return "frozen";
                }

                @Override
                public void tick(long nowMillis) {
                    try {
                        THAW.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            ChannelTicks ticks = new ChannelTicks(() -> {
                Collection<Ticking> all = new ArrayList<>();
                all.add(frozen);
                all.addAll(registry.all());
                return all;
            }, events, Duration.ofSeconds(2));
            return ticks; // starts ticking when the application is ready, as the real one does

        }

        @EventListener
        void stuck(ChannelTickStuck event) {
            EVENTS.add(event);
        }
    }

    @Test
    void aStuckTickIsReportedWhileTheOtherChannelTheApiAndTheStatsGoOn() throws Exception {
        Api api = new Api(port).as("admin", password);
        int input = Ports.freeUdp();
        assertThat(api.post("/api/channels", "{\"id\":\"live\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);

        await("frozen reported").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/actuator/health").json().path("components").path("tickWatchdog").path("status").asText().equals("DOWN"));
        JsonNode health = api.get("/actuator/health").json();
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        assertThat(health.path("components").path("tickWatchdog").path("details").path("frozen").asText())
                .startsWith("tick has not returned for ");
        await("event published").atMost(Duration.ofSeconds(5)).until(() -> !EVENTS.isEmpty());
        assertThat(EVENTS.get(0).channel()).isEqualTo("frozen");
        assertThat(EVENTS.get(0).stuck()).isTrue();

        // the real channel's ticks go on: signal arrives (receiving), then stops (waiting again)
        RtpDatagrams.send(RtpDatagrams.of(TestStream.bytes(TestStream.plain(5)), 300), input);
        await("live receiving").atMost(Duration.ofSeconds(10))
                .until(() -> api.ok("/api/channels/live").path("status").path("state").asText().equals("receiving"));
        await("live waiting after the signal timeout").atMost(Duration.ofSeconds(15))
                .until(() -> api.ok("/api/channels/live").path("status").path("state").asText().equals("waiting"));

        // the API answers at once and the stats keep being taken
        long started = System.nanoTime();
        assertThat(api.get("/api/channels").status()).isEqualTo(200);
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(2));
        Instant before = stats.latest().time();
        await("stats refreshed").atMost(Duration.ofSeconds(5)).until(() -> stats.latest().time().isAfter(before));
        assertThat(health.path("components").path("tickWatchdog").path("details").has("live")).isFalse();

        THAW.countDown();
        await("recovered").atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/actuator/health").json().path("components").path("tickWatchdog").path("status").asText().equals("UP"));
        assertThat(EVENTS).anyMatch(e -> e.channel().equals("frozen") && !e.stuck());
        assertThat(api.delete("/api/channels/live").status()).isEqualTo(204);
    }
}
