package org.medialive.distributor.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * An output's child-process log on disk, bounded in size: when the file reaches
 * {@code maxBytes} it becomes {@code .1}, {@code .1} becomes {@code .2}, and so on up to
 * {@code files}. Every line has the output's secrets replaced before it is written.
 */
final class ProcessLog implements AutoCloseable {

    static final String MASK = "***";

    private final Path file;
    private final long maxBytes;
    private final int files;
    private final List<String> secrets;
    private OutputStream out;
    private long size;

    ProcessLog(Path file, long maxBytes, int files, List<String> secrets) throws IOException {
        this.file = file;
        this.maxBytes = Math.max(4096, maxBytes);
        this.files = Math.max(1, files);
        this.secrets = secrets;
        Files.createDirectories(file.getParent());
        open();
    }

    /** Replaces every secret in the line with {@link #MASK}. */
    static String mask(String line, List<String> secrets) {
        String masked = line;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }

    synchronized void write(String stream, String line) {
        byte[] bytes = (Instant.now() + " " + stream + " " + mask(line, secrets) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            if (size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
        } catch (IOException e) {
            // a full disk must not stop the stream; the line is lost, the output goes on
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private void rotate() throws IOException {
        out.close();
        for (int i = files - 1; i >= 1; i--) {
            Path older = sibling(i);
            if (Files.exists(older)) {
                Files.move(older, sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, sibling(1), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(sibling(files + 1));
        open();
    }

    private Path sibling(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }
}
