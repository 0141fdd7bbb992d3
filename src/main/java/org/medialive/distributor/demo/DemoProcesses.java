package org.medialive.distributor.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.medialive.distributor.output.ProcessRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the demo's helper processes and starts each again when it ends, until closed.
 * <p>
 * Like output processes, every helper leads its own process group ({@code setsid}), carries
 * the data directory's marker and is recorded in the {@link ProcessRegistry}, so that
 * stopping reaches all it started and the next start cleans up after a crash. On top of
 * that it is tied to the JVM's life by the kernel's parent-death signal ({@code setpriv
 * --pdeathsig KILL}): a SIGKILLed server leaves no demo process running even if it is never
 * started again. The kernel sends that signal when the <em>thread</em> that started the
 * process ends, so every start happens on this class's single long-lived thread.
 */
final class DemoProcesses implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoProcesses.class);
    private static final File NO_INPUT = new File("/dev/null");

    private final ProcessRegistry registry;
    private final Duration restartDelay;
    private final Duration stopGrace;
    /** Masked wherever a helper's messages are logged. */
    private final String secret;
    private final ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "demo-processes");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Process> running = new CopyOnWriteArrayList<>();
    /** Read and written on the starter thread only. */
    private boolean closed;

    DemoProcesses(ProcessRegistry registry, Duration restartDelay, Duration stopGrace, String secret) {
        this.registry = registry;
        this.secret = secret;
        this.restartDelay = restartDelay;
        this.stopGrace = stopGrace;
    }

    /**
     * Keeps {@code command} running. {@code stdout} is where its standard output goes
     * ({@code PIPE} to read it); {@code started} is handed each new process, to read it.
     * Its standard error goes to the application log, line by line.
     */
    void keepRunning(String name, List<String> command, ProcessBuilder.Redirect stdout, Consumer<Process> started) {
        starter.execute(() -> launch(name, command, stdout, started));
    }

    private void launch(String name, List<String> command, ProcessBuilder.Redirect stdout, Consumer<Process> started) {
        if (closed) {
            return;
        }
        List<String> full = new ArrayList<>(List.of("setsid", "setpriv", "--pdeathsig", "KILL", "--"));
        full.addAll(command);
        Process process;
        try {
            process = registry.markAsOurs(new ProcessBuilder(full))
                    .redirectInput(NO_INPUT)
                    .redirectOutput(stdout)
                    .start();
        } catch (IOException e) {
            LOG.warn("Demo: could not start {}: {}; trying again in {}", name, e.getMessage(), restartDelay);
            starter.schedule(() -> launch(name, command, stdout, started), restartDelay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        registry.add(process.pid());
        running.add(process);
        logLines(name, process.getErrorStream(), process.pid());
        started.accept(process);
        process.onExit().thenRun(() -> starter.execute(() -> {
            running.remove(process);
            registry.remove(process.pid());
            if (!closed) {
                LOG.warn("Demo: {} exited with {}; starting it again in {}", name, process.exitValue(), restartDelay);
                starter.schedule(() -> launch(name, command, stdout, started), restartDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }));
    }

    /** Stops every helper (TERM, then KILL after the grace period) and the starter thread. */
    @Override
    public void close() {
        try {
            starter.submit(() -> {
                closed = true;
                running.forEach(process -> registry.stop(process, stopGrace));
            }).get(stopGrace.toMillis() * 2 * (running.size() + 1) + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Demo: stopping helper processes: {}", e.toString());
        } finally {
            // ending the starter thread also sends the parent-death signal to anything still there
            starter.shutdownNow();
        }
    }

    private void logLines(String name, InputStream stderr, long pid) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.isBlank()) {
                        LOG.info("Demo {}: {}", name, line.strip().replace(secret, "***"));
                    }
                }
            } catch (IOException ended) {
                // the process closed its end
            }
        }, "demo-" + name + "-" + pid + "-stderr");
        reader.setDaemon(true);
        reader.start();
    }
}
