package org.medialive.distributor.output;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.medialive.distributor.DistributorProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one thread that writes every output's FIFO: once per flush delay it gives each
 * {@link FifoWriter} the chance to write what its ring holds. A thread per output waking on its
 * own timer cost 75 wake-ups where one does (25 channels x 3 outputs, docs/PERFORMANCE.md); the
 * writes are non-blocking, so a process that stops reading holds up nobody. An output whose
 * write just filled its pipe is visited again after {@link #BACKLOG_PAUSE_NANOS} rather than a
 * whole flush delay, so a fast stream is not limited to one pipe's worth (64 KB) per delay; one
 * whose pipe was already full (its process fell behind) waits for the next pass, so a box
 * short of CPU does not spend more of it on write attempts.
 */
@Component
class FifoFlusher implements DisposableBean {

    private static final long BACKLOG_PAUSE_NANOS = 1_000_000;

    private final List<FifoWriter> writers = new CopyOnWriteArrayList<>();
    private final List<FifoWriter> backlogged = new CopyOnWriteArrayList<>();
    private final long flushNanos;
    private final Thread thread;
    private volatile boolean running = true;

    @Autowired
    FifoFlusher(DistributorProperties properties) {
        this(properties.output().flushDelay());
    }

    FifoFlusher(Duration flushDelay) {
        NamedPipe.requireNonBlockingWrites();
        flushNanos = Math.max(BACKLOG_PAUSE_NANOS, flushDelay.toNanos());
        thread = new Thread(this::run, "fifo-flusher");
        thread.setDaemon(true);
        thread.start();
    }

    void add(FifoWriter writer) {
        writers.add(writer);
    }

    void remove(FifoWriter writer) {
        writers.remove(writer);
        backlogged.remove(writer);
    }

    @Override
    public void destroy() {
        running = false;
        LockSupport.unpark(thread);
    }

    private void run() {
        long nextPass = System.nanoTime();
        while (running) {
            long now = System.nanoTime();
            if (now - nextPass >= 0) {
                nextPass = now + flushNanos;
                backlogged.clear();
                for (FifoWriter writer : writers) {
                    if (writer.flush()) {
                        backlogged.add(writer);
                    }
                }
            } else {
                backlogged.removeIf(writer -> !writer.flush());
            }
            long wait = nextPass - System.nanoTime();
            LockSupport.parkNanos(this, backlogged.isEmpty() ? wait : Math.min(wait, BACKLOG_PAUSE_NANOS));
        }
    }
}
