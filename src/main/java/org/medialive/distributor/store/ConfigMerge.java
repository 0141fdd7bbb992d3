package org.medialive.distributor.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.medialive.distributor.channel.ChannelDefinition;

import static org.medialive.distributor.RequestRejectedException.conflict;

/**
 * Cluster mode: two nodes changed the shared channel list at the same time. A three-way merge per
 * channel keeps both changes when they touch different channels (the common case: operators on two
 * dashboards); a channel changed differently on both sides is a conflict, refused with a 409 so
 * that nothing is lost without the operator knowing.
 */
final class ConfigMerge {

    private ConfigMerge() {
    }

    /**
     * @param base   what this node's channels were made from
     * @param mine   this node's channels now (base and its own change)
     * @param theirs what is stored now (base and the other nodes' changes)
     */
    static List<ChannelDefinition> merge(List<ChannelDefinition> base, List<ChannelDefinition> mine, List<ChannelDefinition> theirs) {
        Map<String, ChannelDefinition> before = byId(base);
        Map<String, ChannelDefinition> ours = byId(mine);
        Map<String, ChannelDefinition> merged = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(byId(theirs).keySet());
        ours.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        Map<String, ChannelDefinition> stored = byId(theirs);
        for (String id : ids) {
            ChannelDefinition original = before.get(id);
            ChannelDefinition mineNow = ours.get(id);
            ChannelDefinition theirsNow = stored.get(id);
            ChannelDefinition result;
            if (Objects.equals(mineNow, original) || Objects.equals(mineNow, theirsNow)) {
                result = theirsNow;
            } else if (Objects.equals(theirsNow, original)) {
                result = mineNow;
            } else {
                throw conflict("channel '" + id + "' was " + (theirsNow == null ? "deleted" : "changed")
                        + " on another node at the same time; this change was not kept: reload the channel and make the change again");
            }
            if (result != null) {
                merged.put(id, result);
            }
        }
        return List.copyOf(merged.values());
    }

    private static Map<String, ChannelDefinition> byId(List<ChannelDefinition> channels) {
        Map<String, ChannelDefinition> map = new LinkedHashMap<>();
        channels.forEach(channel -> map.put(channel.id(), channel));
        return map;
    }
}
