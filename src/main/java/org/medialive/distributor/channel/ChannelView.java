package org.medialive.distributor.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.medialive.distributor.ingest.fec.FecCounters;
import org.medialive.distributor.output.OutputView;
import org.medialive.distributor.stream.StreamInfo;

/**
 * A channel as the API, WebSocket and dashboard show it; outputs masked.
 *
 * @param stream  what the input carries: programs, elementary streams (PID, type, codec, language),
 *                PCR PID, packets and continuity-counter errors per PID, SCTE-35 PIDs and cues seen
 * @param lastCue the newest SCTE-35 cue, absent until one is seen
 * @param backupInput the second input, absent for a channel with one input
 * @param failover    the failover policy, active input and switches; absent without a backupInput
 * @param inputs      "primary" and "backup": each input's own counters and analysis; absent without a backupInput
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelView(String id, String name, InputDefinition input, boolean started, Status status,
                          StreamInfo stream, CueView lastCue, List<OutputView> outputs,
                          InputDefinition backupInput, Failover failover, Map<String, InputStatus> inputs) {

    /**
     * @param activeInput "primary" or "backup": the input feeding the outputs
     * @param switches    input switches (automatic or by an operator) since the server started
     * @param lastSwitch  the newest switch with its reason, absent until one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failover(String after, String revert, String revertAfter, String activeInput, long switches,
                           InputSwitch lastSwitch) {
    }

    /**
     * One of a channel's two inputs.
     *
     * @param active  whether this input feeds the outputs
     * @param problem why this input could not carry the channel now (no MPEG-TS, no PAT/PMT, TS sync loss); absent when it could
     * @param stream  this input's own analysis (PIDs, CC errors, cues)
     * @param fec     this input's own SMPTE 2022-1 FEC counters; absent when its FEC is off
     * @param srt     this input's SRT link figures; absent for RTP/UDP
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputStatus(String state, boolean active, String problem, Instant since, String lastError,
                              long bitrate, long bitrate10s, long datagrams, long packets, long bytes, long rtpLost,
                              long malformed, long rejected, long kernelDrops, Instant lastPacketAt,
                              List<String> warnings, StreamInfo stream, FecCounters fec, Map<String, Object> srt) {
    }

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
     * @param activeInput  "primary" or "backup" for a channel with a backupInput: the input feeding the outputs
     *                     (state follows it; the counters above are the primary input's)
     * @param fec          SMPTE 2022-1 FEC counters; absent when FEC is off on the input
     * @param srt          an SRT input's state (listening, calling, connected, call failed, refused), its reason and
     *                     the current connection's figures (rttMs, packetsReceived, packetsLost, packetsRetransmitted,
     *                     packetsDropped, receiveMbps, bandwidthMbps); absent for RTP/UDP inputs
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String state, Instant since, String lastError, long bitrate, long bitrate10s,
                         long datagrams, long packets, long bytes, long rtpLost, long rtpReordered,
                         long rtpDuplicate, long rtpLate, long malformed, long rejected, String lastMalformed,
                         long drops, Instant lastPacketAt, int outputsRunning, int outputsTotal,
                         long rtpDropped, long senderRestarts, long kernelDrops, Long receiveBuffer,
                         long receiveBufferRequested, List<String> warnings, String activeInput,
                         FecCounters fec, java.util.Map<String, Object> srt) {
    }
}
