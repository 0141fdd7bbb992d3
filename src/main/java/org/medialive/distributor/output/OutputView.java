package org.medialive.distributor.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * An output as the API, WebSocket and dashboard show it: the URL masked, no secret anywhere.
 *
 * @param url the destination with secrets replaced by ***
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputView(String id, String name, String url, String protocol, boolean enabled, String audio,
                         Status status) {

    /**
     * @param state      stopped, starting, running, retrying or failed
     * @param since      when the state last changed
     * @param uptimeSeconds how long the current process has been running, 0 when none is
     * @param restarts   process restarts after failures since the output was started
     * @param bytes      TS bytes written to the process
     * @param bitrate    bits per second written to the process over the last second
     * @param drops      TS packets dropped because the process did not keep up
     * @param connected  SRT: whether a peer is connected; absent for RTMP
     * @param link       the process's own figures: SRT link statistics or FFmpeg progress
     * @param cues       SCTE-35 cues seen on the channel since the output started, and forwarded by it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String state, Instant since, String lastError, Instant lastErrorAt,
                         long uptimeSeconds, long restarts, long bytes, long bitrate, long drops,
                         Boolean connected, Map<String, Object> link, Cues cues) {
    }

    /**
     * @param forwarded sections written to the process; absent where the protocol cannot carry SCTE-35
     * @param missing   cues seen over a second ago that this output has not forwarded (an alert)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cues(long seen, Long forwarded, boolean carried, long missing, String note) {
    }
}
