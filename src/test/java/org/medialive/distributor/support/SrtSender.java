package org.medialive.distributor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An independent SRT sender, as MediaLive's SRT output group would be: srt-live-transmit reading
 * a TS file paced at its bit rate from stdin ({@code file://con}, 7 TS packets per SRT message)
 * and sending it to an SRT URL (caller to our listener, or a listener our caller calls).
 */
public final class SrtSender implements AutoCloseable {

    private static final int CHUNK = 7 * 188;

    private final Process process;
    private final Thread pacer;
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean running = true;

    private SrtSender(Path ts, String url, long bitsPerSecond, Path log) throws IOException {
        process = new ProcessBuilder(List.of("srt-live-transmit", "-chunk:" + CHUNK, "-v", "file://con", url))
                .redirectOutput(log.toFile()).redirectError(log.toFile()).start();
        pacer = new Thread(() -> pace(ts, bitsPerSecond), "srt-sender-" + url.hashCode());
        pacer.setDaemon(true);
        pacer.start();
    }

    /** Sends {@code ts} at {@code bitsPerSecond} to {@code url}; messages of srt-live-transmit go to {@code log}. */
    public static SrtSender start(Path ts, String url, long bitsPerSecond, Path log) {
        try {
            return new SrtSender(ts, url, bitsPerSecond, log);
        } catch (IOException e) {
            throw new AssertionError("could not start srt-live-transmit: " + e.getMessage(), e);
        }
    }

    /** TS bytes handed to srt-live-transmit so far. */
    public long bytesSent() {
        return bytes.get();
    }

    public boolean finished() {
        return !pacer.isAlive();
    }

    private void pace(Path ts, long bitsPerSecond) {
        byte[] chunk = new byte[CHUNK];
        long start = System.nanoTime();
        long sentBits = 0;
        try (InputStream in = Files.newInputStream(ts); OutputStream out = process.getOutputStream()) {
            while (running) {
                int length = in.readNBytes(chunk, 0, CHUNK);
                if (length < CHUNK) {
                    // srt-live-transmit sends only whole chunks; a short tail would wait for ever
                    return;
                }
                long due = start + sentBits * 1_000_000_000L / bitsPerSecond;
                while (running && System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                out.write(chunk, 0, length);
                out.flush();
                sentBits += length * 8L;
                bytes.addAndGet(length);
            }
        } catch (IOException e) {
            // the process ended (closed by the test)
        }
    }

    @Override
    public void close() {
        running = false;
        pacer.interrupt();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
