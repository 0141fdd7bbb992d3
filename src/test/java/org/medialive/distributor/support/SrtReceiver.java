package org.medialive.distributor.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SRT receiver: srt-live-transmit writing what it receives to a file. In listener
 * mode it waits for our caller outputs; in caller mode it connects to a listener output.
 */
public final class SrtReceiver implements AutoCloseable {

    private final Path file;
    private final Process process;

    private SrtReceiver(Path file, Process process) {
        this.file = file;
        this.process = process;
    }

    /** Listens on {@code port} (loopback) for an output in caller mode. */
    public static SrtReceiver listen(int port, Path file, String extraOptions) {
        return start("srt://127.0.0.1:" + port + "?mode=listener" + extraOptions, file);
    }

    /** Calls an output that listens on {@code port}. */
    public static SrtReceiver call(int port, Path file, String extraOptions) {
        return start("srt://127.0.0.1:" + port + "?mode=caller" + extraOptions, file);
    }

    private static SrtReceiver start(String url, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Process process = new ProcessBuilder(List.of("srt-live-transmit", "-chunk:1316", url, "file://con"))
                    .redirectOutput(file.toFile())
                    .redirectError(file.resolveSibling(file.getFileName() + ".log").toFile())
                    .start();
            return new SrtReceiver(file, process);
        } catch (IOException e) {
            throw new AssertionError("could not start srt-live-transmit: " + e.getMessage(), e);
        }
    }

    public long bytesReceived() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    public byte[] received() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
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
