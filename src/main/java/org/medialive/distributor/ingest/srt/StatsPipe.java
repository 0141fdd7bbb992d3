package org.medialive.distributor.ingest.srt;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A FIFO that srt-live-transmit writes its statistics to ({@code -statsout}): its stdout carries
 * the transport stream, and on stderr the JSON would be cut by its other messages. Read line by
 * line on a thread of its own; nothing is stored on disk.
 */
final class StatsPipe {

    private final Path path;
    private final Thread reader;
    private volatile boolean opened;

    private StatsPipe(Path path, Consumer<String> lines, String name) {
        this.path = path;
        this.reader = new Thread(() -> read(lines), name);
        reader.setDaemon(true);
    }

    static StatsPipe create(Path path, Consumer<String> lines, String name) throws IOException {
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
        try {
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new IOException("mkfifo failed for " + path + ": " + new String(mkfifo.getInputStream().readAllBytes()).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + path, e);
        }
        StatsPipe pipe = new StatsPipe(path, lines, name);
        pipe.reader.start();
        return pipe;
    }

    Path path() {
        return path;
    }

    /** After the process ended: lets a reader still waiting in open() (the process died before opening) finish. */
    void close() {
        if (!opened && reader.isAlive()) {
            try (FileOutputStream unblock = new FileOutputStream(path.toFile())) {
                // opening the write end is enough: the reader's open returns and it reads end-of-file
            } catch (IOException ignored) {
                // the reader is gone already
            }
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // removed with the run directory at the next start
        }
    }

    private void read(Consumer<String> lines) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            opened = true;
            String line;
            while ((line = in.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException ended) {
            // the process closed its end
        }
    }
}
