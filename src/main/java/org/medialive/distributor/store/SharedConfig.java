package org.medialive.distributor.store;

/**
 * Where the channel configuration lives when several servers share it (cluster mode,
 * docs/CLUSTER.md). Absent in single-node mode: the data file alone holds it.
 * Content is the data file's JSON, byte for byte, so a node can import its file once.
 */
public interface SharedConfig {

    /** Joins a change made here with changes stored meanwhile by other nodes; throws a conflict when both touched the same thing. */
    interface Merge {
        byte[] apply(byte[] base, byte[] mine, byte[] theirs);
    }

    /** The shared content, or null if nothing was stored yet. */
    byte[] read();

    /** Stores {@code content} unless something is stored already; @return whether it was stored. */
    boolean createIfAbsent(byte[] content);

    /**
     * Replaces the shared content unless another node changed it since this node last read it; then
     * stores {@code merge}'s join of both instead. Every node sees the result through its watch.
     * @return what was stored
     */
    byte[] write(byte[] content, Merge merge);
}
