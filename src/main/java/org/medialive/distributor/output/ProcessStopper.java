package org.medialive.distributor.output;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Stops processes on threads of its own: a stop may wait up to twice the grace period
 * (SIGTERM, then SIGKILL), and the watchdog that asks for it runs in a channel's tick,
 * which must return at once. One thread per stop in progress, none when idle.
 */
@Component
class ProcessStopper implements DisposableBean {

    private final ExecutorService stops = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "process-stop");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs {@code stop} (one that ends a process, e.g. {@link OutputRun#stopProcess}) without waiting for it. */
    void stopLater(Runnable stop) {
        stops.execute(stop);
    }

    /** Lets stops in progress finish (each ends in SIGKILL); no new ones start. */
    @Override
    public void destroy() {
        stops.shutdown();
    }
}
