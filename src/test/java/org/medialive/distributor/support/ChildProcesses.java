package org.medialive.distributor.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the output processes a server started for a data directory, by the marker in their environment. */
public final class ChildProcesses {

    private static final String MARKER = "MEDIALIVE_DISTRIBUTOR_DATA=";

    private ChildProcesses() {
    }

    /** Pids of live processes carrying the marker of {@code dataDir}. */
    public static List<Long> of(Path dataDir) {
        String wanted = MARKER + dataDir.toAbsolutePath().normalize();
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path dir : proc.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String environ = new String(Files.readAllBytes(dir.resolve("environ")), StandardCharsets.UTF_8);
                    if (List.of(environ.split("\0")).contains(wanted) && !isZombie(dir)) {
                        pids.add(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return pids;
    }

    /**
     * The children the server supervises (outputs, SRT inputs): all of {@link #of} but the
     * one-shot thumbnail decoders, which come and go every few seconds on an H.264 channel.
     */
    public static List<Long> supervised(Path dataDir) {
        List<Long> pids = new ArrayList<>();
        for (long pid : of(dataDir)) {
            try {
                if (!Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).contains("mjpeg")) {
                    pids.add(pid);
                }
            } catch (IOException gone) {
                // exited while we looked
            }
        }
        return pids;
    }

    /** The one live child of {@code dataDir} whose command line contains {@code fragment}. */
    public static long find(Path dataDir, String fragment) {
        List<Long> matches = new ArrayList<>();
        for (long pid : of(dataDir)) {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
                if (cmdline.contains(fragment)) {
                    matches.add(pid);
                }
            } catch (IOException gone) {
                // exited while we looked
            }
        }
        if (matches.size() != 1) {
            throw new AssertionError("expected one child with '" + fragment + "' in its command line, found " + matches);
        }
        return matches.get(0);
    }

    /** Sends a signal to one process, e.g. "KILL", "STOP", "CONT". */
    public static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start().waitFor();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isZombie(Path dir) throws IOException {
        String stat = Files.readString(dir.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }
}
