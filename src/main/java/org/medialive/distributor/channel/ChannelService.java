package org.medialive.distributor.channel;

import java.util.List;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.monitoring.EventHandOff;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.RouteTemplates;
import org.springframework.stereotype.Service;

import static org.medialive.distributor.RequestRejectedException.conflict;
import static org.medialive.distributor.RequestRejectedException.invalid;

/** Creates, changes, starts, stops and deletes channels; every change is saved at once. */
@Service
public class ChannelService {

    private final ChannelRegistry registry;
    private final DistributorProperties properties;
    private final RouteTemplates routes;
    /** Bounded and never blocking: channels publish cues and state changes from the ingest thread. */
    private final EventHandOff events;

    ChannelService(ChannelRegistry registry, DistributorProperties properties, RouteTemplates routes,
                   EventHandOff events) {
        this.registry = registry;
        this.properties = properties;
        this.routes = routes;
        this.events = events;
    }

    public List<ChannelView> list() {
        return registry.all().stream().map(Channel::view).toList();
    }

    /** The channels now, for work done per channel outside this package (thumbnails). */
    public java.util.Collection<Channel> channels() {
        return registry.all();
    }

    public ChannelView view(String id) {
        return registry.get(id).view();
    }

    public List<CueView> cues(String id) {
        return registry.get(id).cues();
    }

    /** Creates a channel, stopped unless {@code started}; outputs are added to it afterwards. */
    public ChannelView create(ChannelDefinition request) {
        Channel channel;
        synchronized (registry.lock()) {
            int limit = properties.limits().channels();
            if (registry.all().size() >= limit) {
                throw new RequestRejectedException(RequestRejectedException.Reason.LIMIT_REACHED, "this server is limited to "
                        + limit + " channels (distributor.limits.channels); delete one or raise the limit");
            }
            String id = request.id() != null ? request.id()
                    : IdGenerator.fromName(request.name(), "channel", candidate -> registry.find(candidate) != null);
            ChannelDefinition definition = new ChannelDefinition(id, request.name(), request.input(), false, List.of(),
                    request.backupInput(), request.failover()).validated();
            definition.input().keepingSecretsOf(null);
            if (definition.backupInput() != null) {
                definition.backupInput().keepingSecretsOf(null);
            }
            if (registry.find(id) != null) {
                throw conflict("a channel with id '" + id + "' already exists; choose another id or change that channel with PUT");
            }
            checkPortFree(definition, null);
            channel = new Channel(definition, properties, routes, events);
            registry.put(channel);
            registry.persist();
        }
        // Outside the registry's lock, like every start and stop: the registry's lock is only ever
        // taken inside a channel's, never around it, and a slow channel holds up no other one.
        if (request.started()) {
            synchronized (channel) {
                channel.start();
                registry.persist();
            }
        }
        return channel.view();
    }

    /** Changes name and input; only the ingest route restarts, outputs keep running. */
    public ChannelView update(String id, ChannelDefinition request) {
        Channel channel;
        ChannelDefinition checked;
        synchronized (registry.lock()) {
            channel = registry.get(id);
            if (request.id() != null && !request.id().equals(id)) {
                throw invalid("the id in the body ('" + request.id() + "') differs from the path ('" + id + "'); ids cannot be changed");
            }
            checked = new ChannelDefinition(id, request.name(), request.input(), false, List.of(),
                    request.backupInput(), request.failover()).validated();
            checkPortFree(checked, id);
        }
        // the channel's lock until the change is written: a change from another node (cluster mode) cannot undo it in between
        synchronized (channel) {
            channel.update(checked.name(), checked.input().keepingSecretsOf(channel.definition().input()));
            channel.updateRedundancy(checked.backupInput() == null ? null
                    : checked.backupInput().keepingSecretsOf(channel.definition().backupInput()), checked.failover());
            registry.persist();
        }
        return channel.view();
    }

    /** Gone from the list and the data file at once; its processes stop after (within their grace period). */
    public void delete(String id) {
        Channel channel;
        RuntimeException notShared = null;
        synchronized (registry.lock()) {
            channel = registry.get(id);
            registry.remove(id);
            try {
                registry.persist();
            } catch (RuntimeException e) {
                // refused (cluster mode: changed on another node meanwhile): the channel object is out of the
                // registry either way, so it must stop; the watch lists the channel again as stored
                notShared = e;
            }
        }
        channel.delete("channel deleted");
        if (notShared != null) {
            throw notShared;
        }
    }

    public ChannelView start(String id) {
        Channel channel = registry.get(id);
        synchronized (channel) {
            if (channel.startUnlessStarted()) {
                registry.persist();
            }
        }
        return channel.view();
    }

    /** Waits for the channel's processes to exit (up to their grace period); other channels and the API do not. */
    public ChannelView stop(String id) {
        Channel channel = registry.get(id);
        synchronized (channel) {
            channel.stop("channel stopped", true);
            registry.persist();
        }
        return channel.view();
    }

    /** Switches the channel's outputs to its primary or backup input now, between two datagrams. */
    public ChannelView switchInput(String id, String to, String by) {
        registry.get(id).switchInput(InputRole.of(to), by);
        return registry.get(id).view();
    }

    private void checkPortFree(ChannelDefinition channel, String exceptChannel) {
        for (InputDefinition input : InputPorts.of(channel)) {
            checkPortFree(input, exceptChannel);
        }
    }

    private void checkPortFree(InputDefinition input, String exceptChannel) {
        for (Channel other : registry.all()) {
            if (!other.id().equals(exceptChannel) && InputPorts.of(other.definition()).stream().anyMatch(o -> InputPorts.overlap(o, input))) {
                throw conflict("input port " + InputPorts.describe(input) + " is already used by channel '" + other.id()
                        + "'; every channel needs its own UDP port, or its own multicast group on a shared port");
            }
        }
    }
}
