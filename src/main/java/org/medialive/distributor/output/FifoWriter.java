package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output's {@link PacketRing} into its FIFO, on a thread of its own so that a
 * reader that stops reading blocks only this thread. The FIFO is opened read-write: on
 * Linux that never blocks waiting for a reader, and the child never sees end-of-file
 * while the output lives, even between restarts of the child.
 */
final class FifoWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FifoWriter.class);

    private final PacketRing ring;
    private final FileChannel fifo;
    private final Thread thread;
    private final AtomicLong bytesWritten;
    private final CueTap cues;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile boolean running = true;

    private FifoWriter(PacketRing ring, FileChannel fifo, String name, AtomicLong bytesWritten, CueTap cues) {
        this.ring = ring;
        this.fifo = fifo;
        this.bytesWritten = bytesWritten;
        this.cues = cues;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    /**
     * @param bytesWritten the output's running total, which this writer adds to
     * @param cues         counts the SCTE-35 sections written; null where the protocol cannot carry them
     */
    static FifoWriter open(PacketRing ring, Path fifoPath, String name, AtomicLong bytesWritten, CueTap cues)
            throws IOException {
        FileChannel channel = FileChannel.open(fifoPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FifoWriter writer = new FifoWriter(ring, channel, name, bytesWritten, cues);
        writer.thread.start();
        return writer;
    }

    @Override
    public void run() {
        try {
            while (running) {
                int n = ring.drainTo(fifo, cues, 200, TimeUnit.MILLISECONDS);
                if (n > 0) {
                    bytesWritten.addAndGet(n);
                }
                lastProgressNanos = System.nanoTime();
            }
        } catch (ClosedByInterruptException stopping) {
            // close() interrupted a write blocked on a reader that stopped reading
        } catch (IOException e) {
            if (running) {
                LOG.warn("Writing to {} failed: {}", thread.getName(), e.getMessage());
            }
        } finally {
            closeQuietly();
        }
    }

    /** Stops the thread even when it is blocked in a write, and closes the FIFO. */
    void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }

    /** Time since the writer last finished a write or found the buffer empty. */
    long nanosSinceProgress() {
        return System.nanoTime() - lastProgressNanos;
    }

    private void closeQuietly() {
        try {
            fifo.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
