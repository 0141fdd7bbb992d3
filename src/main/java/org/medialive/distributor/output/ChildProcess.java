package org.medialive.distributor.output;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One output process, started in a process group of its own (through {@code setsid}) so
 * that stopping it reaches everything it started. Its stdout and stderr are read line by
 * line as they come and handed on; nothing is kept in memory. Arguments go to the kernel
 * as a list: no shell ever parses them.
 */
final class ChildProcess {

    /** Marks our children, so a later start can tell them from unrelated processes. */
    static final String OWNER_VARIABLE = "MEDIALIVE_DISTRIBUTOR_DATA";

    private final Process process;
    private final List<Thread> readers = new ArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
    }

    static ChildProcess start(List<String> command, Path workDir, File stdin, String owner,
                              Consumer<String> stdoutLines, Consumer<String> stderrLines) throws IOException {
        List<String> full = new ArrayList<>(command.size() + 1);
        full.add("setsid");
        full.addAll(ChildGuard.prefix());
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile())
                .redirectInput(stdin);
        keepOnlyHarmlessVariables(builder.environment(), owner);
        ChildProcess child = new ChildProcess(builder.start());
        child.read(child.process.getInputStream(), stdoutLines, "stdout");
        child.read(child.process.getErrorStream(), stderrLines, "stderr");
        return child;
    }

    /**
     * Trims a child's environment to what a relay needs (PATH, locale, HOME, TZ) plus our owner marker.
     * Everything else stays with the JVM: DISTRIBUTOR_ADMIN_PASSWORD, JAVA_OPTS, cloud credentials...
     * A child's environment is only readable by its owner, but the children do not need it and
     * a crash dump or a debugging operator should not find it there.
     */
    static void keepOnlyHarmlessVariables(Map<String, String> env, String owner) {
        env.keySet().removeIf(name -> !(name.equals("PATH") || name.equals("LANG") || name.startsWith("LC_")
                || name.equals("HOME") || name.equals("TZ")));
        env.put(OWNER_VARIABLE, owner);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end and for its last output lines to be handed on. */
    int waitFor() throws InterruptedException {
        int exit = process.waitFor();
        for (Thread reader : readers) {
            reader.join(2000);
        }
        return exit;
    }

    /**
     * Stops the whole process group: SIGTERM (and SIGCONT, in case it was stopped), then
     * SIGKILL if it is still there after {@code grace}.
     */
    void stop(long graceMillis) {
        stopGroup(process, graceMillis);
    }

    /** {@link #stop} for any process that leads its own group (started through setsid). */
    static void stopGroup(Process process, long graceMillis) {
        ProcessGroups.signal(process.pid(), "TERM");
        ProcessGroups.signal(process.pid(), "CONT");
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                ProcessGroups.signal(process.pid(), "KILL");
                process.waitFor(graceMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            ProcessGroups.signal(process.pid(), "KILL");
            Thread.currentThread().interrupt();
        }
    }

    private void read(InputStream stream, Consumer<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException ended) {
                // the process closed its end; nothing more to read
            }
        }, "pid-" + process.pid() + "-" + name);
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
    }
}
