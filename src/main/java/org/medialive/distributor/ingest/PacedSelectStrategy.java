package org.medialive.distributor.ingest;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes an ingest event loop look at its sockets once per poll interval instead of waking for
 * every datagram. MediaLive channels send independently, so 25 channels at 8 Mbit/s are ~19,000
 * datagrams a second arriving one at a time: waking a thread for each cost more than all the
 * work done with them (docs/PERFORMANCE.md). Pausing the interval between looks lets the kernel
 * queue them in the sockets' receive buffers (4 MB each) and one wake-up serves all that came.
 * The price is at most one interval of added latency (10 ms by default). The outputs' FIFO
 * writes run on the same loop right after a look (FifoFlusher), so what was read goes out at once.
 *
 * <p>Tasks given to the loop (opening and closing a route's socket) wait for the end of the pause
 * at most. A look that finds nothing goes straight back to pausing ({@code CONTINUE}), so Netty's
 * guard against a selector that keeps returning early never sees an empty select.
 */
final class PacedSelectStrategy implements SelectStrategy {

    private final long pauseNanos;

    PacedSelectStrategy(long pauseNanos) {
        this.pauseNanos = pauseNanos;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectNow.get();
        }
        LockSupport.parkNanos(pauseNanos);
        int ready = selectNow.get();
        return ready > 0 ? ready : CONTINUE;
    }
}
