package org.medialive.distributor.cluster;

import java.util.Optional;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Moves asked for through the API: {@code <base>/moves/<channel>} holds the node a channel
 * should move to. Every node watches them; the owner steps aside, and so does any other node
 * elected meanwhile, until the wanted node holds the channel and deletes the request.
 */
@Component
@Conditional(ClusterMode.class)
class Preferences implements AutoCloseable {

    private final ChannelZnodes moves;

    Preferences(CuratorFramework zooKeeper, ClusterProperties cluster) {
        this.moves = new ChannelZnodes(zooKeeper, cluster.basePath() + "/moves");
    }

    /** Told the channel id whose move request appeared, changed or went. */
    void onChange(Consumer<String> listener) {
        moves.onChange(listener);
    }

    /** The node a channel should move to, if a move is under way. */
    Optional<String> wanted(String channelId) {
        return moves.get(channelId);
    }

    void request(String channelId, String node) throws Exception {
        moves.set(channelId, node);
    }

    /** The move is done (or the channel gone): later ownership follows the elections alone. */
    void done(String channelId) {
        try {
            moves.delete(channelId);
        } catch (Exception e) {
            // left behind, it is ignored once its node holds the channel, and gone with the channel
        }
    }

    @Override
    public void close() {
        moves.close();
    }
}
