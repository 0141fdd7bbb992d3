package org.medialive.distributor.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medialive.distributor.store.ConfigStore;
import org.springframework.stereotype.Component;

import static org.medialive.distributor.RequestRejectedException.notFound;

/**
 * The channels that exist, in creation order, and the data file that remembers them.
 * Who is in the list changes under {@link #lock()}, held only briefly and never around a channel's
 * own work (starting, stopping: a channel's own lock); every change ends with {@link #persist()}.
 * Readers get a snapshot and never wait for a change in progress.
 */
@Component
class ChannelRegistry {

    private final ConfigStore store;
    private final Object lock = new Object();
    private volatile Map<String, Channel> channels = Map.of();
    /** Single-node mode: this server holds every channel and its lease never lapses. */
    private volatile Placement placement = Placement.SINGLE_NODE;

    ChannelRegistry(ConfigStore store) {
        this.store = store;
    }

    Object lock() {
        return lock;
    }

    Collection<Channel> all() {
        return channels.values();
    }

    Channel find(String id) {
        return id == null ? null : channels.get(id);
    }

    Channel get(String id) {
        Channel channel = find(id);
        if (channel == null) {
            throw notFound("no channel with id '" + id + "'; GET /api/channels lists them");
        }
        return channel;
    }

    Placement placement() {
        return placement;
    }

    void placement(Placement placement) {
        this.placement = placement;
    }

    void put(Channel channel) {
        Placement current = placement;
        channel.placed(current.holds(channel.id()), current::leaseValid);
        Map<String, Channel> copy = new LinkedHashMap<>(channels);
        copy.put(channel.id(), channel);
        channels = copy;
        current.listed(channel.id());
    }

    void remove(String id) {
        Map<String, Channel> copy = new LinkedHashMap<>(channels);
        copy.remove(id);
        channels = copy;
        placement.unlisted(id);
    }

    /** Writes every channel's definition to the data file, one writer at a time. */
    void persist() {
        synchronized (lock) {
            List<ChannelDefinition> definitions = new ArrayList<>();
            channels.values().forEach(c -> definitions.add(c.definition()));
            store.save(definitions);
        }
    }
}
