package org.medialive.distributor.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.channel.ChannelView;
import org.medialive.distributor.stream.IndicatorCount;
import org.medialive.distributor.stream.StreamInfo;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** A TR 101 290 priority 1 error makes a receiving channel DEGRADED for a while; priority 2 errors and old ones do not. */
class Priority1HealthTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @Test
    void aRecentPriority1ErrorDegradesAReceivingChannel() {
        ChannelView channel = channel("receiving",
                new IndicatorCount("pat_error", 1, "1.3.a", 3, NOW.minusSeconds(2)),
                new IndicatorCount("crc_error", 2, "2.2", 9, NOW.minusSeconds(1)));

        List<String> recent = RecentPriority1Errors.of(channel, WINDOW, NOW);
        Health health = ChannelsHealth.health(channel, recent);

        assertThat(recent).containsExactly("pat_error");
        assertThat(health.getStatus()).isEqualTo(ChannelsHealth.DEGRADED);
        assertThat(health.getDetails()).containsEntry("tr101290Priority1", List.of("pat_error"));
    }

    @Test
    void oldPriority1AndRecentPriority2ErrorsLeaveItUp() {
        ChannelView channel = channel("receiving",
                new IndicatorCount("continuity_count_error", 1, "1.4", 3, NOW.minusSeconds(11)),
                new IndicatorCount("pts_error", 2, "2.5", 1, NOW.minusSeconds(1)),
                new IndicatorCount("pid_error", 1, "1.6", 0, null));

        List<String> recent = RecentPriority1Errors.of(channel, WINDOW, NOW);

        assertThat(recent).isEmpty();
        assertThat(ChannelsHealth.health(channel, recent).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aChannelWithoutSignalStaysDown() {
        ChannelView channel = channel("waiting", new IndicatorCount("pat_error", 1, "1.3.a", 3, NOW.minusSeconds(2)));
        assertThat(ChannelsHealth.health(channel, RecentPriority1Errors.of(channel, WINDOW, NOW)).getStatus()).isEqualTo(Status.DOWN);
    }

    /** A switch breaks continuity in what the outputs get; only the inputs' own errors count. */
    @Test
    void withABackupInputEachInputsOwnErrorsCountNotTheSwitchedStream() {
        ChannelView single = channel("receiving", new IndicatorCount("continuity_count_error", 1, "1.4", 4, NOW.minusSeconds(1)));
        ChannelView redundant = new ChannelView("c", "c", null, true, single.status(), single.stream(), null, List.of(), null, null,
                java.util.Map.of("primary", input(), "backup", input(new IndicatorCount("pat_error", 1, "1.3.a", 1, NOW.minusSeconds(3)))));

        assertThat(RecentPriority1Errors.of(redundant, WINDOW, NOW)).containsExactly("backup input: pat_error");
        assertThat(RecentPriority1Errors.of(withInputs(redundant, input(), input()), WINDOW, NOW)).isEmpty();
    }

    private static ChannelView withInputs(ChannelView channel, ChannelView.InputStatus primary, ChannelView.InputStatus backup) {
        return new ChannelView("c", "c", null, true, channel.status(), channel.stream(), null, List.of(), null, null,
                java.util.Map.of("primary", primary, "backup", backup));
    }

    private static ChannelView.InputStatus input(IndicatorCount... indicators) {
        return new ChannelView.InputStatus("receiving", true, null, NOW, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, NOW, List.of(), stream(indicators), null, null);
    }

    private static StreamInfo stream(IndicatorCount... indicators) {
        return new StreamInfo(List.of(), List.of(), -1, false, List.of(), 0, new TreeMap<>(), new TreeMap<>(), 0, 0, 0,
                List.of(indicators), new TreeMap<>());
    }

    private static ChannelView channel(String state, IndicatorCount... indicators) {
        ChannelView.Status status = new ChannelView.Status(state, NOW, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, null,
                0, 0, 0, 0, 0, null, 0, List.of(), null, null, null);
        StreamInfo stream = new StreamInfo(List.of(), List.of(), -1, false, List.of(), 0, new TreeMap<>(), new TreeMap<>(), 0, 0, 0,
                List.of(indicators), new TreeMap<>());
        return new ChannelView("c", "c", null, true, status, stream, null, List.of(), null, null, null);
    }
}
