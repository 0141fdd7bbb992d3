package org.medialive.distributor.channel;

/**
 * Where channels run. Single-node mode: this server holds every channel and its lease never
 * lapses. Cluster mode (docs/CLUSTER.md) replaces it through {@link SharedChannels#placement}.
 */
public interface Placement {

    Placement SINGLE_NODE = new Placement() {
    };

    /** Whether this server holds a channel that has just been listed. */
    default boolean holds(String channelId) {
        return true;
    }

    /** Checked on every write to the outputs: false once this server may no longer be the owner. */
    default boolean leaseValid() {
        return true;
    }

    /** A channel was listed (created here or elsewhere, or restored); called under the registry's lock: never block. */
    default void listed(String channelId) {
    }

    /** A channel was deleted; called under the registry's lock: never block. */
    default void unlisted(String channelId) {
    }

    /** The stored channels are listed (start-up is over): changes from elsewhere may apply now. */
    default void restored() {
    }
}
