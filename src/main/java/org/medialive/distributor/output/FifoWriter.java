package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output's {@link PacketRing} into its FIFO whenever the {@link FifoFlusher} comes by.
 * The FIFO is non-blocking ({@link NamedPipe#openForWriting}): a reader that stops reading only
 * leaves this output's data in its ring (dropped when full, and the supervisor's watchdog
 * restarts the process); it cannot hold up the flusher or any other output.
 */
final class FifoWriter {

    private static final Logger LOG = LoggerFactory.getLogger(FifoWriter.class);

    private final String name;
    private final PacketRing ring;
    private final FileChannel fifo;
    private final AtomicLong bytesWritten;
    private final CueTap cues;
    private final FifoFlusher flusher;
    private volatile long lastProgressNanos = System.nanoTime();
    private boolean closed;

    private FifoWriter(String name, PacketRing ring, FileChannel fifo, AtomicLong bytesWritten, CueTap cues,
                       FifoFlusher flusher) {
        this.name = name;
        this.ring = ring;
        this.fifo = fifo;
        this.bytesWritten = bytesWritten;
        this.cues = cues;
        this.flusher = flusher;
    }

    /**
     * @param bytesWritten the output's running total, which this writer adds to
     * @param cues         counts the SCTE-35 sections written; null where the protocol cannot carry them
     */
    static FifoWriter open(PacketRing ring, Path fifoPath, String name, AtomicLong bytesWritten, CueTap cues,
                           FifoFlusher flusher) throws IOException {
        FifoWriter writer = new FifoWriter(name, ring, NamedPipe.openForWriting(fifoPath), bytesWritten, cues, flusher);
        flusher.add(writer);
        return writer;
    }

    /**
     * Writes what the ring holds, as far as the pipe takes it. Called by the flusher only.
     * @return whether to come back soon: this write filled the pipe and data is left over. A pipe
     *         that was full before the write (a reader that fell behind) waits for the next pass.
     */
    synchronized boolean flush() {
        if (closed) {
            return false;
        }
        try {
            int n = ring.drainTo(fifo, cues);
            if (n > 0) {
                bytesWritten.addAndGet(n);
            }
            boolean left = !ring.isEmpty();
            if (n > 0 || !left) {
                lastProgressNanos = System.nanoTime();
            }
            return left && n > 0;
        } catch (IOException | RuntimeException e) {
            // no more progress from here: the watchdog restarts the process with a new FIFO
            LOG.warn("Writing to {} failed: {}", name, e.toString());
            closeChannel();
            return false;
        }
    }

    /** Stops writing and closes the FIFO; the reader sees end-of-file. */
    synchronized void close() {
        flusher.remove(this);
        closeChannel();
    }

    /** Time since a write last succeeded or the buffer was last found empty. */
    long nanosSinceProgress() {
        return System.nanoTime() - lastProgressNanos;
    }

    private void closeChannel() {
        closed = true;
        try {
            fifo.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
