package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A FIFO on disk. Java has no mkfifo, so the coreutils command makes it. */
final class NamedPipe {

    private NamedPipe() {
    }

    /** Makes a fresh FIFO at {@code path}, replacing whatever was there, readable by the owner only. */
    static void create(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString())
                .redirectErrorStream(true).start();
        try {
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new IOException("mkfifo failed for " + path + ": "
                        + new String(mkfifo.getInputStream().readAllBytes()).trim());
            }
        } catch (InterruptedException e) {
            mkfifo.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + path, e);
        }
    }

    static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a FIFO left behind is removed at the next start (run directory clean-up)
        }
    }
}
