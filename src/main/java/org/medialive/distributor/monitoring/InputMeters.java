package org.medialive.distributor.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.medialive.distributor.channel.ChannelView;
import org.medialive.distributor.ingest.fec.FecCounters;

/**
 * {@code distributor.input.*{channel, input}}: each input of a channel with a backupInput, so the
 * standby's health (and its own FEC repairs) can be watched and alerted on before it is needed.
 * (The {@code distributor.channel.*} receive counters are the primary input's.)
 */
final class InputMeters {

    private InputMeters() {
    }

    /**
     * @param key what the meters are read through: the caller must hold it for as long as they are
     *            registered (Micrometer keeps only a weak reference)
     */
    static List<Meter> register(MeterRegistry registry, String key, String channelId, Function<String, ChannelView> channels) {
        List<Meter> meters = new ArrayList<>();
        for (String role : List.of("primary", "backup")) {
            Tags tags = Tags.of("channel", channelId, "input", role);
            Function<String, ChannelView.InputStatus> input = ignored -> {
                ChannelView channel = channels.apply(channelId);
                return channel == null || channel.inputs() == null ? null : channel.inputs().get(role);
            };
            meters.add(gauge(registry, "distributor.input.receiving", "1 while MPEG-TS arrives on this input", tags, key,
                    id -> input.apply(id) != null && "receiving".equals(input.apply(id).state()) ? 1 : 0));
            meters.add(gauge(registry, "distributor.input.bitrate", "bits per second received on this input over the last second", tags, key,
                    id -> input.apply(id) == null ? 0 : input.apply(id).bitrate()));
            meters.add(counter(registry, "distributor.input.rtp.lost", "RTP packets this input lost (after its own FEC)", tags, key,
                    id -> input.apply(id) == null ? 0 : input.apply(id).rtpLost()));
            meters.add(counter(registry, "distributor.input.kernel.drops", "datagrams the kernel dropped on this input's socket", tags, key,
                    id -> input.apply(id) == null ? 0 : input.apply(id).kernelDrops()));
            meters.add(counter(registry, "distributor.input.cc.errors", "continuity-counter errors on this input, all PIDs", tags, key,
                    id -> input.apply(id) == null || input.apply(id).stream() == null ? 0 : input.apply(id).stream().totalCcErrors()));
            meters.add(counter(registry, "distributor.input.fec.recovered", "lost RTP packets this input rebuilt from its own FEC (0 with FEC off)", tags, key,
                    id -> input.apply(id) == null || input.apply(id).fec() == null ? 0 : input.apply(id).fec().recovered()));
            meters.add(gauge(registry, "distributor.input.fec.matrix.packets", "L x D of this input's FEC matrix (0 until known or with FEC off)", tags, key,
                    id -> {
                        FecCounters fec = input.apply(id) == null ? null : input.apply(id).fec();
                        return fec == null ? 0 : (double) fec.columns() * fec.rows();
                    }));
        }
        return meters;
    }

    private static Meter gauge(MeterRegistry registry, String name, String help, Tags tags, String id, ToDoubleFunction<String> value) {
        return Gauge.builder(name, id, value).description(help).tags(tags).register(registry);
    }

    private static Meter counter(MeterRegistry registry, String name, String help, Tags tags, String id, ToDoubleFunction<String> value) {
        return FunctionCounter.builder(name, id, value).description(help).tags(tags).register(registry);
    }
}
