package org.medialive.distributor.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.medialive.distributor.output.OutputView;
import org.medialive.distributor.stream.StreamInfo;

/**
 * A channel as the API, WebSocket and dashboard show it; outputs masked.
 *
 * @param stream  what the input carries: programs, elementary streams (PID, type, codec, language),
 *                PCR PID, packets and continuity-counter errors per PID, SCTE-35 PIDs and cues seen
 * @param lastCue the newest SCTE-35 cue, absent until one is seen
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelView(String id, String name, InputDefinition input, boolean started, Status status,
                          StreamInfo stream, CueView lastCue, List<OutputView> outputs) {

    /**
     * @param state        stopped, waiting (no signal), receiving or error
     * @param bitrate      input bits per second over the last second
     * @param bitrate10s   input bits per second averaged over the last ten seconds
     * @param drops        TS packets dropped, summed over the outputs
     * @param lastPacketAt when the last valid datagram arrived
     * @param rtpDropped   stray RTP datagrams that fit no stream (dropped, never delivered)
     * @param senderRestarts RTP sender restarts (new SSRC or sequence jump) since the input started
     * @param kernelDrops  datagrams the kernel dropped because the input socket's buffer was full
     * @param receiveBuffer receive buffer bytes the kernel granted, absent until known
     * @param receiveBufferRequested receive buffer bytes asked for (distributor.ingest.receive-buffer)
     * @param warnings     setup problems the operator should fix (no source filter, buffer capped)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String state, Instant since, String lastError, long bitrate, long bitrate10s,
                         long datagrams, long packets, long bytes, long rtpLost, long rtpReordered,
                         long rtpDuplicate, long rtpLate, long malformed, long rejected, String lastMalformed,
                         long drops, Instant lastPacketAt, int outputsRunning, int outputsTotal,
                         long rtpDropped, long senderRestarts, long kernelDrops, Long receiveBuffer,
                         long receiveBufferRequested, List<String> warnings) {
    }
}
