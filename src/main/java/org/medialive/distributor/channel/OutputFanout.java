package org.medialive.distributor.channel;

import java.util.Collection;
import java.util.function.BooleanSupplier;
import org.medialive.distributor.ingest.TsSink;
import org.medialive.distributor.output.Output;

/**
 * Hands every packet the channel receives to each of its outputs' buffers, and to any
 * observers (stream analysis). The list is swapped whole when outputs change, so the
 * receive path reads it without a lock.
 */
final class OutputFanout implements TsSink {

    private static final Output[] NONE = new Output[0];
    private static final TsSink[] NO_OBSERVERS = new TsSink[0];

    private volatile Output[] outputs = NONE;
    private volatile TsSink[] observers = NO_OBSERVERS;
    /** False while this server may not write to the outputs (cluster mode: not the owner, or its lease lapsed). */
    private volatile BooleanSupplier writable = () -> true;

    @Override
    public void accept(byte[] buffer, int offset, int length) {
        for (TsSink observer : observers) {
            observer.accept(buffer, offset, length);
        }
        if (!writable.getAsBoolean()) {
            return;
        }
        for (Output output : outputs) {
            output.accept(buffer, offset, length);
        }
    }

    @Override
    public void unsynced(byte[] buffer, int offset, int length) {
        for (TsSink observer : observers) {
            observer.unsynced(buffer, offset, length);
        }
    }

    void outputs(Collection<Output> current) {
        outputs = current.toArray(NONE);
    }

    void writable(BooleanSupplier check) {
        writable = check;
    }

    void observers(Collection<TsSink> current) {
        observers = current.toArray(NO_OBSERVERS);
    }
}
