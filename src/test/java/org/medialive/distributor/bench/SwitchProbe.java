package org.medialive.distributor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.medialive.distributor.support.Api;

/**
 * {@code --input redundant}, after the measured seconds: every channel's primary goes silent at
 * once (the pacer stops sending to it), as when pipeline A fails. Reports how long the outputs
 * got nothing (each switch's {@code gapMillis}: from the primary's last datagram to the switch)
 * and what each SRT output lost at the switch: the primary's datagrams of that gap, which the
 * backup had delivered to the standby instead.
 */
final class SwitchProbe {

    /** The channels' failover policy: the default "after". */
    static final String AFTER = "300ms";

    private final List<Long> gaps = new ArrayList<>();
    private final int channels;

    private SwitchProbe(int channels) {
        this.channels = channels;
    }

    static SwitchProbe silencePrimaries(Api api, MultiPacer pacer, int channels) throws InterruptedException {
        SwitchProbe probe = new SwitchProbe(channels);
        for (int c = 0; c < channels; c++) {
            pacer.silence(c, 0);
        }
        try {
            Awaitility.await("every channel on its backup").atMost(java.time.Duration.ofSeconds(15))
                    .pollInterval(java.time.Duration.ofMillis(200))
                    .until(() -> onBackup(api.ok("/api/stats")).size() == channels);
        } catch (ConditionTimeoutException some) {
            // measured as it is: the note says how many switched
        }
        probe.gaps.addAll(onBackup(api.ok("/api/stats")));
        Thread.sleep(2000); // the outputs carry the backup for a while before the pacer stops
        return probe;
    }

    /** The line for the report: switch times, and TS packets each SRT output lost at its switch. */
    String note(List<SrtListener.Result> results, MultiPacer pacer, int srtPerChannel) {
        List<Long> lost = new ArrayList<>();
        for (int i = 0; i < results.size() && srtPerChannel > 0; i++) {
            if (results.get(i).protocol().equals("srt")) {
                lost.add(Math.max(0, pacer.bytes(i / srtPerChannel) - results.get(i).bytes()) / 188);
            }
        }
        Collections.sort(gaps);
        Collections.sort(lost);
        return "switch (every primary silenced, failover after " + AFTER + "): " + gaps.size() + " of " + channels
                + " channels switched; outputs got nothing for p50 " + percentile(gaps) + " ms, max " + max(gaps)
                + " ms; each SRT output lost p50 " + percentile(lost) + ", max " + max(lost)
                + " TS packets at its switch (not byte-exact by design: the gap's datagrams came only on the primary)";
    }

    private static List<Long> onBackup(JsonNode stats) {
        List<Long> gaps = new ArrayList<>();
        for (JsonNode channel : stats.path("channels")) {
            JsonNode failover = channel.path("failover");
            if (failover.path("activeInput").asText().equals("backup")) {
                gaps.add(failover.path("lastSwitch").path("gapMillis").asLong());
            }
        }
        return gaps;
    }

    private static String percentile(List<Long> sorted) {
        return sorted.isEmpty() ? "–" : String.valueOf(sorted.get(sorted.size() / 2));
    }

    private static String max(List<Long> sorted) {
        return sorted.isEmpty() ? "–" : String.valueOf(sorted.get(sorted.size() - 1));
    }
}
