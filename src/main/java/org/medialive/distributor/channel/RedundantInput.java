package org.medialive.distributor.channel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.RouteTemplates;
import org.medialive.distributor.ingest.IngestCounters;
import org.medialive.distributor.stream.TsAnalyzer;
import org.springframework.context.ApplicationEventPublisher;

import static org.medialive.distributor.RequestRejectedException.conflict;

/**
 * A channel's backupInput and what goes with it: the backup's own ingest route, each input's
 * own analysis (so the standby is seen to be healthy before it is needed) and the views of
 * both inputs. Does nothing for a channel without a backupInput.
 */
final class RedundantInput {

    private final ChannelInput backup;
    private final InputSelector selector;
    private final TsAnalyzer[] analyses = {new TsAnalyzer(), new TsAnalyzer()};
    /** Cluster mode: the one input this node receives (MediaLive pipeline A or B), or null for both. */
    private volatile InputRole receivedHere;

    RedundantInput(String channelId, DistributorProperties properties, RouteTemplates routes,
                   ApplicationEventPublisher events, InputSelector selector) {
        this.selector = selector;
        this.backup = new ChannelInput(channelId, "backup", properties, routes, events, selector.gate(InputRole.BACKUP));
        selector.observe(InputRole.PRIMARY, analyses[0]);
        selector.observe(InputRole.BACKUP, analyses[1]);
    }

    /** Which input this node receives; null: both (applied by the channel's next start of its inputs). */
    void receiveHere(InputRole role) {
        receivedHere = role;
    }

    /** The one input this node receives, or null when it receives every input the channel has. */
    InputRole receivedHere(ChannelDefinition channel) {
        return channel.backupInput() == null ? null : receivedHere;
    }

    /**
     * Before the primary starts: the selector knows whether there is a backup, which then opens too.
     * @return whether the primary input is to be received here
     */
    boolean start(ChannelDefinition channel) {
        InputRole only = receivedHere(channel);
        if (only != null) {
            selector.receiveOnly(only, channel.failover());
            opened(only);
            if (only == InputRole.BACKUP) {
                backup.start(channel.backupInput());
            }
            return only == InputRole.PRIMARY;
        }
        selector.configure(channel.backupInput() != null, channel.failover());
        opened(InputRole.PRIMARY);
        if (channel.backupInput() != null) {
            opened(InputRole.BACKUP);
            backup.start(channel.backupInput());
        }
        return true;
    }

    void stop() {
        backup.stop();
    }

    void opened(InputRole role) {
        selector.opened(role);
    }

    void tick(ChannelDefinition channel, long nowMillis) {
        if (channel.backupInput() != null) {
            backup.tick(channel.backupInput(), nowMillis);
        }
    }

    /** Applies a changed backupInput or policy to a channel (running or not). */
    void update(ChannelDefinition old, ChannelDefinition now) {
        boolean backupChanged = !java.util.Objects.equals(old.backupInput(), now.backupInput());
        if (now.started() && backupChanged) {
            backup.stop();
        }
        selector.configure(now.backupInput() != null, now.failover());
        if (now.started() && backupChanged && now.backupInput() != null) {
            opened(InputRole.BACKUP);
            backup.start(now.backupInput());
        }
    }

    void switchByOperator(ChannelDefinition channel, InputRole to, String by) {
        if (channel.backupInput() == null) {
            throw conflict("channel '" + channel.id() + "' has no backupInput to switch between; add one with PUT /api/channels/"
                    + channel.id());
        }
        if (!channel.started()) {
            throw conflict("channel '" + channel.id() + "' is stopped; start it before switching its input");
        }
        InputRole only = receivedHere(channel);
        if (only != null && only != to) {
            throw conflict("this node receives only the " + only.word() + " input of channel '" + channel.id()
                    + "' (cluster input assignment, docs/CLUSTER.md); move the channel to the node that receives the " + to.word() + " input");
        }
        String problem = selector.problem(to);
        if (problem != null && selector.active() != to) {
            throw conflict("the " + to.word() + " input cannot carry the channel now (" + problem + "); the outputs stay on the "
                    + selector.active().word() + " input");
        }
        selector.switchByOperator(to, by);
    }

    /** The channel's state: that of the input feeding the outputs. */
    ChannelState state(ChannelDefinition channel, ChannelInput primary) {
        if (channel.backupInput() == null || selector.active() == InputRole.PRIMARY) {
            return primary.state();
        }
        return backup.state();
    }

    String activeInput(ChannelDefinition channel) {
        return channel.backupInput() == null ? null : selector.active().word();
    }

    ChannelView.Failover failover(ChannelDefinition channel) {
        if (channel.backupInput() == null) {
            return null;
        }
        FailoverPolicy policy = channel.failover() == null ? FailoverPolicy.DEFAULTS : channel.failover();
        return new ChannelView.Failover(policy.after(), policy.revert(), policy.revertAfter(), selector.active().word(),
                selector.failovers(), selector.lastSwitch());
    }

    Map<String, ChannelView.InputStatus> inputs(ChannelDefinition channel, ChannelInput primary) {
        if (channel.backupInput() == null) {
            return null;
        }
        Map<String, ChannelView.InputStatus> inputs = new LinkedHashMap<>();
        inputs.put(InputRole.PRIMARY.word(), view(InputRole.PRIMARY, primary, channel.input()));
        inputs.put(InputRole.BACKUP.word(), view(InputRole.BACKUP, backup, channel.backupInput()));
        return inputs;
    }

    private ChannelView.InputStatus view(InputRole role, ChannelInput input, InputDefinition definition) {
        IngestCounters c = input.counters();
        boolean running = input.state() != ChannelState.STOPPED;
        return new ChannelView.InputStatus(input.state().word(), selector.active() == role,
                running ? selector.problem(role) : null, input.since(), input.lastError(),
                input.bitrate(), input.bitrate10s(), c.datagrams(), c.packets(), c.bytes(), c.rtpLost(), c.malformed(),
                c.rejected(), c.kernelDrops(), c.lastPacketMillis() == 0 ? null : Instant.ofEpochMilli(c.lastPacketMillis()),
                input.warnings(definition), analyses[role.ordinal()].snapshot(), input.fecCounters(), input.srtLink());
    }
}
