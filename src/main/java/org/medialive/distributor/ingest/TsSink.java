package org.medialive.distributor.ingest;

/**
 * Receives whole TS packets in arrival order. The array belongs to the caller and is
 * only valid during the call: copy what must be kept.
 */
@FunctionalInterface
public interface TsSink {

    void accept(byte[] buffer, int offset, int length);
}
