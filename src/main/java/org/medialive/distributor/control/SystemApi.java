package org.medialive.distributor.control;

import java.util.LinkedHashMap;
import java.util.Map;
import org.medialive.distributor.channel.ChannelService;
import org.medialive.distributor.monitoring.StatsSnapshot;
import org.springframework.stereotype.Component;

/** Server-wide answers: GET /api/health and GET /api/stats. */
@Component("systemApi")
public class SystemApi {

    private final ChannelService channels;
    private final StatsSnapshot snapshot;
    private final ApiJson json;

    SystemApi(ChannelService channels, StatsSnapshot snapshot, ApiJson json) {
        this.channels = channels;
        this.snapshot = snapshot;
        this.json = json;
    }

    /** Every channel's and output's figures, as taken at the last once-a-second snapshot. */
    public String stats() {
        return json.write(snapshot.latest());
    }

    /** UP while the server answers; the counts tell how much of it is on air. */
    public String health() {
        var all = channels.list();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("channels", all.size());
        health.put("channelsReceiving", all.stream().filter(c -> c.status().state().equals("receiving")).count());
        health.put("outputs", all.stream().mapToInt(c -> c.outputs().size()).sum());
        health.put("outputsRunning", all.stream().mapToInt(c -> c.status().outputsRunning()).sum());
        return json.write(health);
    }
}
