package org.medialive.distributor.monitoring;

import org.medialive.distributor.ingest.fec.FecCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.medialive.distributor.channel.ChannelView;
import org.medialive.distributor.output.OutputView;
import org.springframework.stereotype.Component;

/**
 * Prometheus meters per channel (tag {@code channel}) and per output (tags {@code channel},
 * {@code output}, {@code protocol}), read from the once-a-second {@link StatsSnapshot}.
 * Meters appear with their channel or output and are removed with it. Names are listed in
 * the README; the Grafana dashboard in monitoring/ uses them.
 */
@Component
class DistributorMeters {

    private final MeterRegistry registry;
    private final Map<String, ChannelView> channels = new HashMap<>();
    private final Map<String, OutputView> outputs = new HashMap<>();
    private final Map<String, List<Meter>> meters = new HashMap<>();

    DistributorMeters(MeterRegistry registry, StatsSnapshot snapshot) {
        this.registry = registry;
        snapshot.onRefresh(this::update);
    }

    private synchronized void update(StatsSnapshot.Stats stats) {
        Set<String> present = new HashSet<>();
        for (ChannelView channel : stats.channels()) {
            present.add(channel.id());
            if (channels.put(channel.id(), channel) == null) {
                List<Meter> channelMeters = new java.util.ArrayList<>(channelMeters(channel.id()));
                channelMeters.addAll(Tr101290Meters.register(registry, channel.id(), this::channel));
                meters.put(channel.id(), channelMeters);
            }
            if (channel.inputs() != null) {
                String inputs = channel.id() + "#inputs";
                present.add(inputs);
                meters.computeIfAbsent(inputs, key -> InputMeters.register(registry, key, channel.id(), this::channel));
            }
            for (OutputView output : channel.outputs()) {
                String key = channel.id() + "/" + output.id() + "/" + output.protocol();
                present.add(key);
                if (outputs.put(key, output) == null) {
                    meters.put(key, outputMeters(key, Tags.of("channel", channel.id(), "output", output.id(), "protocol", output.protocol())));
                }
            }
        }
        for (String gone : new HashSet<>(meters.keySet())) {
            if (!present.contains(gone)) {
                meters.remove(gone).forEach(registry::remove);
                channels.remove(gone);
                outputs.remove(gone);
            }
        }
    }

    private List<Meter> channelMeters(String id) {
        Tags tags = Tags.of("channel", id);
        ToDoubleFunction<String> receiving = key -> "receiving".equals(channel(key).status().state()) ? 1 : 0;
        return List.of(
                gauge("distributor.channel.receiving", "1 while MPEG-TS arrives on a started channel", tags, id, receiving),
                gauge("distributor.channel.started", "1 while the channel is started (stopped on purpose: 0)", tags, id, key -> channel(key).started() ? 1 : 0),
                gauge("distributor.channel.bitrate", "input bits per second over the last second", tags, id, key -> channel(key).status().bitrate()),
                counter("distributor.channel.datagrams", "datagrams received", tags, id, key -> channel(key).status().datagrams()),
                counter("distributor.channel.packets", "TS packets accepted", tags, id, key -> channel(key).status().packets()),
                counter("distributor.channel.bytes", "TS bytes accepted", tags, id, key -> channel(key).status().bytes()),
                counter("distributor.channel.rtp.lost", "RTP packets lost", tags, id, key -> channel(key).status().rtpLost()),
                counter("distributor.channel.rtp.reordered", "RTP packets put back in order", tags, id, key -> channel(key).status().rtpReordered()),
                counter("distributor.channel.rtp.duplicate", "RTP packets received twice", tags, id, key -> channel(key).status().rtpDuplicate()),
                counter("distributor.channel.rtp.late", "RTP packets that arrived after their gap was declared lost", tags, id, key -> channel(key).status().rtpLate()),
                counter("distributor.channel.rtp.dropped", "stray RTP datagrams that fit no stream, dropped", tags, id, key -> channel(key).status().rtpDropped()),
                counter("distributor.channel.sender.restarts", "RTP sender restarts (new SSRC or sequence jump)", tags, id, key -> channel(key).status().senderRestarts()),
                counter("distributor.channel.kernel.drops", "datagrams the kernel dropped because the socket receive buffer was full", tags, id, key -> channel(key).status().kernelDrops()),
                gauge("distributor.channel.receive.buffer.bytes", "socket receive buffer bytes the kernel granted (NaN until known)", tags, id,
                        key -> channel(key).status().receiveBuffer() == null ? Double.NaN : channel(key).status().receiveBuffer()),
                gauge("distributor.channel.receive.buffer.requested.bytes", "socket receive buffer bytes asked for", tags, id, key -> channel(key).status().receiveBufferRequested()),
                counter("distributor.channel.malformed", "datagrams dropped as not MPEG-TS", tags, id, key -> channel(key).status().malformed()),
                counter("distributor.channel.rejected", "datagrams dropped from a wrong source", tags, id, key -> channel(key).status().rejected()),
                counter("distributor.channel.cc.errors", "continuity-counter errors on the input, all PIDs", tags, id, key -> channel(key).stream().totalCcErrors()),
                counter("distributor.channel.scte35.cues", "SCTE-35 cues decoded on the input", tags, id, key -> channel(key).stream().cuesSeen()),
                gauge("distributor.channel.active.input", "input feeding the outputs: 0 primary, 1 backup", tags, id,
                        key -> "backup".equals(channel(key).status().activeInput()) ? 1 : 0),
                counter("distributor.channel.failovers", "input switches, automatic or by an operator (channels with a backupInput)", tags, id,
                        key -> channel(key).failover() == null ? 0 : channel(key).failover().switches()),
                counter("distributor.channel.fec.recovered", "lost RTP packets rebuilt from SMPTE 2022-1 FEC (0 with FEC off)", tags, id, key -> fec(key, FecCounters::recovered)),
                counter("distributor.channel.fec.column.packets", "column FEC packets received", tags, id, key -> fec(key, FecCounters::columnPackets)),
                counter("distributor.channel.fec.row.packets", "row FEC packets received", tags, id, key -> fec(key, FecCounters::rowPackets)),
                counter("distributor.channel.fec.malformed", "FEC datagrams refused (the media is untouched)", tags, id, key -> fec(key, FecCounters::malformed)),
                gauge("distributor.channel.fec.matrix.packets", "L x D of the FEC matrix (0 until known or with FEC off)", tags, id, key -> fec(key, f -> (long) f.columns() * f.rows())),
                gauge("distributor.channel.fec.delay.ms", "delay the FEC reorder window adds at the current packet rate", tags, id, key -> fec(key, FecCounters::addedDelayMillis)),
                gauge("distributor.channel.srt.connected", "1 while an SRT input's sender is connected (NaN for RTP/UDP inputs)", tags, id,
                        key -> channel(key).status().srt() == null ? Double.NaN : "connected".equals(channel(key).status().srt().get("state")) ? 1 : 0),
                gauge("distributor.channel.srt.rtt", "SRT input round-trip time in milliseconds", tags, id, key -> srtInput(key, "rttMs")),
                gauge("distributor.channel.srt.received", "SRT input packets received on the current connection", tags, id, key -> srtInput(key, "packetsReceived")),
                gauge("distributor.channel.srt.lost", "SRT input packets reported lost on the current connection (before retransmission)", tags, id, key -> srtInput(key, "packetsLost")),
                gauge("distributor.channel.srt.retransmitted", "SRT input packets received again by retransmission on the current connection", tags, id, key -> srtInput(key, "packetsRetransmitted")),
                gauge("distributor.channel.srt.dropped", "SRT input packets dropped as too late to repair on the current connection", tags, id, key -> srtInput(key, "packetsDropped")));
    }

    private double fec(String key, java.util.function.ToLongFunction<FecCounters> value) {
        FecCounters fec = channel(key).status().fec();
        return fec == null ? 0 : value.applyAsLong(fec);
    }

    private double srtInput(String id, String field) {
        java.util.Map<String, Object> srt = channel(id).status().srt();
        Object value = srt == null ? null : srt.get(field);
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    private List<Meter> outputMeters(String key, Tags tags) {
        return List.of(
                gauge("distributor.output.running", "1 while the output's process runs and delivers", tags, key, k -> "running".equals(output(k).status().state()) ? 1 : 0),
                gauge("distributor.output.enabled", "1 while the output is enabled (disabled on purpose: 0)", tags, key, k -> output(k).enabled() ? 1 : 0),
                gauge("distributor.output.bitrate", "bits per second written to the output's process", tags, key, k -> output(k).status().bitrate()),
                counter("distributor.output.bytes", "TS bytes written to the output's process", tags, key, k -> output(k).status().bytes()),
                counter("distributor.output.drops", "TS packets dropped because the output fell behind", tags, key, k -> output(k).status().drops()),
                counter("distributor.output.restarts", "process restarts after failures", tags, key, k -> output(k).status().restarts()),
                gauge("distributor.output.srt.rtt", "SRT round-trip time in milliseconds", tags, key, k -> link(k, "rttMs")),
                gauge("distributor.output.srt.retransmitted", "SRT packets retransmitted on the current connection", tags, key, k -> link(k, "packetsRetransmitted")),
                gauge("distributor.output.srt.lost", "SRT packets reported lost on the current connection", tags, key, k -> link(k, "packetsLost")),
                gauge("distributor.output.scte35.forwarded", "SCTE-35 cues written to the process since the output started (NaN where not carried)", tags, key,
                        k -> output(k).status().cues().forwarded() == null ? Double.NaN : output(k).status().cues().forwarded()),
                gauge("distributor.output.scte35.missing", "SCTE-35 cues seen on the channel but not forwarded (alert when above 0)", tags, key, k -> output(k).status().cues().missing()));
    }

    private ChannelView channel(String id) {
        synchronized (this) {
            return channels.get(id);
        }
    }

    private OutputView output(String key) {
        synchronized (this) {
            return outputs.get(key);
        }
    }

    private double link(String key, String field) {
        Object value = output(key).status().link() == null ? null : output(key).status().link().get(field);
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    private Meter gauge(String name, String help, Tags tags, String key, ToDoubleFunction<String> value) {
        return Gauge.builder(name, key, value).description(help).tags(tags).register(registry);
    }

    private Meter counter(String name, String help, Tags tags, String key, ToDoubleFunction<String> value) {
        return FunctionCounter.builder(name, key, value).description(help).tags(tags).register(registry);
    }
}
