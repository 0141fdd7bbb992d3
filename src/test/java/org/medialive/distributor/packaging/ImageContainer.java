package org.medialive.distributor.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The image built and run by packaging/image-test.sh, the way Docker would run it: its own
 * PID namespace with the image's entry point as PID 1, the image's user, host networking, a
 * data volume. Stopping it sends SIGTERM to that PID 1, as `docker stop` does.
 */
final class ImageContainer implements AutoCloseable {

    private static final Path SCRIPT = Path.of("packaging", "image-test.sh");

    private final Process process;
    private final Path log;

    private ImageContainer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Builds the image from the working tree; fails with the build's output if the build fails. */
    static void build(String tag, Path log) {
        int exit = run(List.of(SCRIPT.toString(), "build", tag), log, Duration.ofMinutes(15));
        if (exit != 0) {
            throw new AssertionError("the image build failed (exit " + exit + "):\n" + tail(log));
        }
    }

    /** A value of the image's configuration, by Go template (podman image inspect --format). */
    static String inspect(String tag, String template, Path log) {
        Path out = log.resolveSibling(log.getFileName() + ".inspect");
        int exit = run(List.of("podman", "image", "inspect", "--format", template, tag), out, Duration.ofMinutes(1));
        String text = read(out).strip();
        if (exit != 0) {
            throw new AssertionError("podman image inspect failed: " + text);
        }
        return text;
    }

    /** Starts the image with {@code DISTRIBUTOR_ADMIN_PASSWORD} set and the given server arguments. */
    static ImageContainer start(String tag, Path dataDir, String adminPassword, Path log, String... serverArgs) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "run", tag, dataDir.toString()));
        command.addAll(List.of(serverArgs));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().put("CONTAINER_ENV", "DISTRIBUTOR_ADMIN_PASSWORD");
            builder.environment().put("DISTRIBUTOR_ADMIN_PASSWORD", adminPassword);
            return new ImageContainer(builder.start(), log);
        } catch (IOException e) {
            throw new AssertionError("could not run " + SCRIPT + ": " + e.getMessage(), e);
        }
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** Every process of the container and of the script around it, now. */
    List<ProcessHandle> processes() {
        return process.descendants().toList();
    }

    /** SIGTERM, as `docker stop`; returns the exit status of the container's PID 1. */
    int stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the container did not stop within " + grace + " of SIGTERM:\n" + logTail());
        }
        return process.exitValue();
    }

    String logTail() {
        return tail(log);
    }

    /** After a failed test: nothing of the container may outlive the test run. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int run(List<String> command, Path log, Duration limit) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took longer than " + limit + ":\n" + tail(log));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new AssertionError("could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path log) {
        String text = read(log);
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }
}
