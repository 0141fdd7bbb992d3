package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies one output's {@link PacketRing} into its FIFO whenever the {@link FifoFlusher} comes by.
 * The FIFO is non-blocking ({@link NamedPipe#openForWriting}): a reader that stops reading only
 * leaves this output's data in its ring (dropped when full, and the supervisor's watchdog
 * restarts the process); it cannot hold up the flusher or any other output.
 * <p>
 * The watchdog judges the reader, not this writer: it is told how long the pipe has refused
 * data, measured between two of our own write attempts. A pipe can only fill through our
 * writes, so if it was full at one attempt and still refuses everything at a later one, the
 * process took nothing in between. A pause of ours (no attempts) adds nothing to that time.
 */
final class FifoWriter {

    private final String name;
    private final PacketRing ring;
    private final FileChannel fifo;
    private final AtomicLong bytesWritten;
    private final CueTap cues;
    private final FifoFlusher flusher;
    /** Our last attempt at which the pipe took data, or nothing was waiting. */
    private volatile long lastTakenNanos = System.nanoTime();
    /** Our last attempt at which data was waiting and the pipe took none of it. */
    private volatile long lastRefusedNanos = lastTakenNanos;
    private volatile String failure;
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
                lastTakenNanos = System.nanoTime();
            } else {
                lastRefusedNanos = System.nanoTime();
            }
            return left && n > 0;
        } catch (IOException | RuntimeException e) {
            // the reader closed its end: the watchdog reports it (not here: this is the ingest
            // thread, which does not log) and restarts the process with a new FIFO
            failure = name + ": " + e;
            closeChannel();
            return false;
        }
    }

    /** Stops writing and closes the FIFO; the reader sees end-of-file. */
    synchronized void close() {
        flusher.remove(this);
        closeChannel();
    }

    /**
     * How long the reader has taken nothing while data waited: from our last attempt the pipe
     * took data (or none waited) to our latest attempt it refused everything; 0 when it took
     * data at our latest attempt.
     */
    long nanosRefused() {
        return Math.max(0, lastRefusedNanos - lastTakenNanos);
    }

    /** Why a write failed (the reader closed the pipe), or null; after a failure nothing more is written. */
    String failure() {
        return failure;
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
