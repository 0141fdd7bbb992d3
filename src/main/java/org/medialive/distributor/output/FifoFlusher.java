package org.medialive.distributor.output;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.ingest.IngestEventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Writes every output's FIFO, once per flush delay, on the ingest event loop: each pass runs
 * right after the loop has read the sockets, so what was read is written at once and the whole
 * data plane wakes one thread once per tick. A thread per output waking on its own timer cost
 * 75 wake-ups where this costs none (25 channels x 3 outputs, docs/PERFORMANCE.md). The writes
 * are non-blocking, so a process that stops reading holds up neither the loop nor the other
 * outputs. An output whose write just filled its pipe is visited again after
 * {@link #BACKLOG_PAUSE_NANOS} rather than a whole flush delay, so a fast stream is not limited
 * to one pipe's worth (64 KB) per delay; one whose pipe was already full (its process fell
 * behind) waits for the next pass, so a box short of CPU does not spend more on write attempts.
 */
@Component
class FifoFlusher implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(FifoFlusher.class);
    private static final long BACKLOG_PAUSE_NANOS = 1_000_000;

    private final List<FifoWriter> writers = new CopyOnWriteArrayList<>();
    /** Loop thread only. */
    private final List<FifoWriter> backlogged = new ArrayList<>();
    private boolean backlogPassDue;
    private final EventExecutor loop;
    private final ScheduledFuture<?> passes;

    @Autowired
    FifoFlusher(DistributorProperties properties) {
        this(IngestEventLoops.shared(properties.ingest()).next(),
                properties.output().flushDelay());
    }

    FifoFlusher(EventExecutor loop, Duration flushDelay) {
        NamedPipe.requireNonBlockingWrites();
        this.loop = loop;
        long flushNanos = Math.max(BACKLOG_PAUSE_NANOS, flushDelay.toNanos());
        passes = loop.scheduleAtFixedRate(this::pass, flushNanos, flushNanos, TimeUnit.NANOSECONDS);
    }

    void add(FifoWriter writer) {
        writers.add(writer);
    }

    void remove(FifoWriter writer) {
        writers.remove(writer);
    }

    @Override
    public void destroy() {
        passes.cancel(false);
    }

    private void pass() {
        try {
            backlogged.clear();
            for (FifoWriter writer : writers) {
                if (writer.flush()) {
                    backlogged.add(writer);
                }
            }
            scheduleBacklogPass();
        } catch (RuntimeException e) {
            // a pass that throws would end the fixed-rate schedule: log it and keep writing
            LOG.error("FIFO write pass failed", e);
        }
    }

    private void backlogPass() {
        backlogPassDue = false;
        try {
            backlogged.removeIf(writer -> !writers.contains(writer) || !writer.flush());
            scheduleBacklogPass();
        } catch (RuntimeException e) {
            LOG.error("FIFO write pass failed", e);
        }
    }

    private void scheduleBacklogPass() {
        if (!backlogged.isEmpty() && !backlogPassDue) {
            backlogPassDue = true;
            loop.schedule(this::backlogPass, BACKLOG_PAUSE_NANOS, TimeUnit.NANOSECONDS);
        }
    }
}
