package org.medialive.distributor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SRT receiver: srt-live-transmit listening on a loopback port, its output streamed
 * into a {@link StreamVerifier} instead of a file (25 channels for 5 minutes would be 20 GB).
 */
final class SrtListener implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final StreamVerifier verifier;
    private final Thread reader;

    private SrtListener(String name, int port, Process process, StreamVerifier verifier) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.verifier = verifier;
        this.reader = new Thread(this::read, "srt-listener-" + port);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** @param sent checked for byte-exactness against it; null when the design rewrites the stream */
    static SrtListener start(String name, int port, ByteBuffer sent, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Process process = new ProcessBuilder(DiesWithBench.command(List.of("srt-live-transmit", "-chunk:1316", "-q",
                "srt://127.0.0.1:" + port + "?mode=listener&latency=120", "file://con")))
                .redirectError(logDir.resolve(name + ".log").toFile())
                .start();
        return new SrtListener(name, port, process, new StreamVerifier(sent));
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Bytes so far; safe from any thread (approximate while receiving). */
    long bytes() {
        synchronized (verifier) {
            return verifier.bytes();
        }
    }

    /** Stops the receiver and returns what it saw. */
    Result stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (verifier) {
            verifier.finish();
            return new Result(name, "srt", verifier.bytes(), verifier.ccErrors(), verifier.exact(), verifier.problem());
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void read() {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (verifier) {
                    verifier.accept(buffer, 0, n);
                }
            }
        } catch (IOException ended) {
            // the process was stopped
        }
    }

    /** What one receiver got. @param exact null where not checked */
    record Result(String name, String protocol, long bytes, Long ccErrors, Boolean byteExact, String problem) {
    }
}
