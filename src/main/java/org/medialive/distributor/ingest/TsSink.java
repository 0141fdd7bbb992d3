package org.medialive.distributor.ingest;

/**
 * Receives whole TS packets in arrival order. The array belongs to the caller and is
 * only valid during the call: copy what must be kept.
 */
@FunctionalInterface
public interface TsSink {

    void accept(byte[] buffer, int offset, int length);

    /**
     * 188-byte packet slots dropped because some lack the sync byte 0x47; for stream analysis
     * (TR 101 290 sync errors) only, never forwarded to outputs. Same array rules as {@link #accept}.
     */
    default void unsynced(byte[] buffer, int offset, int length) {
    }
}
