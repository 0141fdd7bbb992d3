package org.medialive.distributor.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.RouteTemplates;
import org.medialive.distributor.monitoring.EventHandOff;
import org.medialive.distributor.output.Output;
import org.medialive.distributor.output.OutputDefinition;
import org.medialive.distributor.output.OutputFactory;
import org.springframework.stereotype.Component;

/**
 * What cluster mode (docs/CLUSTER.md) may do to the channels from outside this package: apply
 * a configuration changed on another node, and hold or release a channel as ownership moves.
 * Nothing here writes the shared configuration back: it came from there.
 */
@Component
public class SharedChannels {

    private final ChannelRegistry registry;
    private final OutputFactory outputs;
    private final DistributorProperties properties;
    private final RouteTemplates routes;
    private final EventHandOff events;

    SharedChannels(ChannelRegistry registry, OutputFactory outputs, DistributorProperties properties,
                   RouteTemplates routes, EventHandOff events) {
        this.registry = registry;
        this.outputs = outputs;
        this.properties = properties;
        this.routes = routes;
        this.events = events;
    }

    /** Set once, before the stored channels are restored. */
    public void placement(Placement placement) {
        registry.placement(placement);
    }

    /** The channels this server knows, with whether it holds each (in creation order). */
    public Map<String, Boolean> held() {
        Map<String, Boolean> held = new LinkedHashMap<>();
        registry.all().forEach(channel -> held.put(channel.id(), channel.held()));
        return held;
    }

    /** Whether the channel has a backupInput (two inputs a cluster can give to different nodes); false if unknown. */
    public boolean hasBackupInput(String channelId) {
        Channel channel = registry.find(channelId);
        return channel != null && channel.definition().backupInput() != null;
    }

    /** How many channels run here (held and started): a node's load. */
    public long running() {
        return registry.all().stream().filter(channel -> channel.held() && channel.definition().started()).count();
    }

    /** This server gained or lost a channel; unknown ids (deleted meanwhile) are ignored. */
    public void hold(String channelId, boolean held, String reason) {
        Channel channel = registry.find(channelId);
        if (channel != null) {
            channel.hold(held, reason);
        }
    }

    /**
     * Which input this server receives while it holds the channel: "primary", "backup", or null for
     * both (docs/CLUSTER.md, per-node inputs); unknown ids are ignored.
     */
    public void receiveHere(String channelId, String input) {
        Channel channel = registry.find(channelId);
        if (channel != null) {
            channel.receiveHere(input == null ? null : InputRole.of(input));
        }
    }

    /**
     * Makes the channels here match {@code wanted}, changing only what differs, one change at a time.
     * {@code outdated} turns true when this node has written a newer configuration meanwhile: the
     * rest is then skipped (that write already replaced {@code wanted} for every node). Checked
     * under the lock a local change holds until it is written, so a change made here while this
     * runs is never undone.
     */
    public synchronized void apply(List<ChannelDefinition> wanted, java.util.function.BooleanSupplier outdated) {
        Map<String, ChannelDefinition> byId = new LinkedHashMap<>();
        wanted.forEach(definition -> byId.put(definition.id(), definition.validated()));
        for (Channel channel : registry.all()) {
            if (!byId.containsKey(channel.id())) {
                synchronized (registry.lock()) {
                    if (outdated.getAsBoolean()) {
                        return;
                    }
                    registry.remove(channel.id());
                }
                channel.delete("channel deleted on another node");
            }
        }
        for (ChannelDefinition definition : byId.values()) {
            Channel channel = registry.find(definition.id());
            if (outdated.getAsBoolean()) {
                return;
            }
            if (channel == null) {
                create(definition);
            } else if (!channel.definition().equals(definition)) {
                change(channel, definition, outdated);
            }
        }
    }

    private void create(ChannelDefinition definition) {
        Channel channel = new Channel(definition.with(definition.input(), definition.name(), false, List.of()),
                properties, routes, events);
        for (OutputDefinition output : definition.outputs()) {
            channel.add(outputs.create(definition.id(), output, channel.cueSource()));
        }
        synchronized (registry.lock()) {
            registry.put(channel);
        }
        if (definition.started()) {
            channel.start();
        }
    }

    private void change(Channel channel, ChannelDefinition wanted, java.util.function.BooleanSupplier outdated) {
        synchronized (channel) { // the lock a local output change holds until it is written
            if (outdated.getAsBoolean()) {
                return;
            }
            ChannelDefinition now = channel.definition();
            if (!Objects.equals(now.name(), wanted.name()) || !now.input().equals(wanted.input())) {
                channel.update(wanted.name(), wanted.input());
            }
            if (!Objects.equals(now.backupInput(), wanted.backupInput()) || !Objects.equals(now.failover(), wanted.failover())) {
                channel.updateRedundancy(wanted.backupInput(), wanted.failover());
            }
            List<String> wantedIds = wanted.outputs().stream().map(OutputDefinition::id).toList();
            for (Output output : List.copyOf(channel.outputs())) {
                if (!wantedIds.contains(output.definition().id())) {
                    channel.remove(output.definition().id(), "output removed on another node");
                }
            }
            for (OutputDefinition output : wanted.outputs()) {
                Output current = channel.output(output.id());
                if (current == null) {
                    channel.add(outputs.create(wanted.id(), output, channel.cueSource()));
                } else if (!current.definition().equals(output)) {
                    if (current.sameProcess(output)) {
                        channel.redefine(current, output, "output changed on another node");
                    } else {
                        channel.replace(outputs.create(wanted.id(), output, channel.cueSource()), "output changed on another node");
                    }
                }
            }
            if (wanted.started() && !now.started()) {
                channel.start();
            } else if (!wanted.started() && now.started()) {
                channel.stop("channel stopped on another node", true);
            }
        }
    }
}
