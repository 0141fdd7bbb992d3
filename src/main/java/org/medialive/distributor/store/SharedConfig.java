package org.medialive.distributor.store;

/**
 * Where the channel configuration lives when several servers share it (cluster mode,
 * docs/CLUSTER.md). Absent in single-node mode: the data file alone holds it.
 * Content is the data file's JSON, byte for byte, so a node can import its file once.
 */
public interface SharedConfig {

    /** The shared content, or null if nothing was stored yet. */
    byte[] read();

    /** Stores {@code content} unless something is stored already; @return whether it was stored. */
    boolean createIfAbsent(byte[] content);

    /** Replaces the shared content; every node sees it through its watch. */
    void write(byte[] content);
}
