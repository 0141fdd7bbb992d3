package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.medialive.distributor.DistributorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Remembers on disk which child processes are running ({@code <data>/run/pids/<pid>}), so
 * that after a crash the next start can stop the children the dead instance left behind.
 * A pid is only signalled if /proc shows it still carries our marker for this data
 * directory, so a recycled pid of an unrelated process is never touched.
 */
@Component
public class ProcessRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRegistry.class);

    private final Path runDir;
    private final Path pidDir;
    private final String owner;

    public ProcessRegistry(DistributorProperties properties) {
        this.runDir = properties.dataPath().resolve("run");
        this.pidDir = runDir.resolve("pids");
        this.owner = properties.dataPath().toString();
    }

    /** The marker every child carries in its environment. */
    String owner() {
        return owner;
    }

    Path runDir() {
        return runDir;
    }

    /**
     * Marks a helper process that code outside this package starts (demo mode) the way output
     * processes are marked, so that {@link #cleanUpAfterEarlierRun} can recognise it. The
     * helper must lead its own process group (start it through {@code setsid}) and be
     * recorded with {@link #add} once started.
     */
    public ProcessBuilder markAsOurs(ProcessBuilder builder) {
        ChildProcess.keepOnlyHarmlessVariables(builder.environment(), owner);
        return builder;
    }

    /** Stops a helper started with {@link #markAsOurs} as output processes are stopped: its whole group, TERM then KILL. */
    public void stop(Process helper, Duration grace) {
        ChildProcess.stopGroup(helper, grace.toMillis());
        remove(helper.pid());
    }

    /** Records a running child's pid, for the next start to stop it should this instance crash. */
    public void add(long pid) {
        try {
            Files.createDirectories(pidDir);
            Files.writeString(pidDir.resolve(Long.toString(pid)), owner);
        } catch (IOException e) {
            LOG.warn("Could not record child pid {} in {}: {}", pid, pidDir, e.getMessage());
        }
    }

    public void remove(long pid) {
        try {
            Files.deleteIfExists(pidDir.resolve(Long.toString(pid)));
        } catch (IOException ignored) {
            // cleaned up with the run directory at the next start
        }
    }

    /** Stops children left by an earlier instance and removes its FIFOs. Call before anything starts. */
    public void cleanUpAfterEarlierRun() throws IOException {
        if (Files.isDirectory(pidDir)) {
            try (Stream<Path> files = Files.list(pidDir)) {
                for (Path file : files.toList()) {
                    stopIfOurs(file.getFileName().toString());
                }
            }
        }
        deleteRecursively(runDir);
    }

    private void stopIfOurs(String name) {
        if (!name.matches("\\d{1,10}")) {
            return;
        }
        long pid = Long.parseLong(name);
        if (carriesOurMarker(pid)) {
            LOG.warn("Stopping process group {} left running by an earlier instance", pid);
            ProcessGroups.signal(pid, "KILL");
        }
    }

    private boolean carriesOurMarker(long pid) {
        try {
            byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            String marker = ChildProcess.OWNER_VARIABLE + "=" + owner;
            return List.of(new String(environ, StandardCharsets.UTF_8).split("\0")).contains(marker);
        } catch (IOException gone) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
