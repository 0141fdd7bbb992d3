package org.medialive.distributor.store;

/**
 * A JSON document every node of a cluster shares (a ZooKeeper znode, docs/CLUSTER.md), e.g. the
 * users or the API tokens. Changes are optimistic: a node rewrites the version it read, so two
 * nodes changing it at once cannot lose one of the changes.
 */
public interface SharedDocument {

    /** Content and its version, which {@link #replace} compares. */
    record Versioned(byte[] content, int version) {
    }

    /** Told each newer content that this node did not write itself: versions only rise. */
    interface Listener {
        void changed(byte[] content, int version);
    }

    /** The shared content, or null if nothing was stored yet. */
    Versioned read();

    /** Stores {@code content} unless something is stored already; @return whether it was stored. */
    boolean createIfAbsent(byte[] content);

    /** Replaces the content if it is still at {@code version}; @return the new version, or -1 if another node changed it first. */
    int replace(byte[] content, int version);

    /** From now on: the current content (if newer than this node's last write) and every later change. */
    void watch(Listener listener);
}
