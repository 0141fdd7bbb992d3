package org.medialive.distributor.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.medialive.distributor.channel.ChannelView;
import org.medialive.distributor.stream.StreamInfo;

/** The TR 101 290 priority 1 indicators a channel's inputs raised within a recent window: they make its health DEGRADED. */
final class RecentPriority1Errors {

    private RecentPriority1Errors() {
    }

    /**
     * On a channel with a backup input, each input's own analysis counts, named by its input: the
     * channel's outgoing stream has a continuity break at every switch, which is no input's fault.
     */
    static List<String> of(ChannelView channel, Duration window, Instant now) {
        Instant since = now.minus(window);
        if (channel.inputs() == null || channel.inputs().isEmpty()) {
            return raised(channel.stream(), since, "");
        }
        List<String> raised = new java.util.ArrayList<>();
        channel.inputs().forEach((role, input) -> raised.addAll(raised(input.stream(), since, role + " input: ")));
        return raised;
    }

    private static List<String> raised(StreamInfo stream, Instant since, String prefix) {
        if (stream == null || stream.tr101290() == null) {
            return List.of();
        }
        return stream.tr101290().stream()
                .filter(i -> i.priority() == 1 && i.lastAt() != null && i.lastAt().isAfter(since))
                .map(i -> prefix + i.indicator())
                .toList();
    }
}
