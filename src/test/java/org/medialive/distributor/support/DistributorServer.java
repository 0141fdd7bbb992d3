package org.medialive.distributor.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged server (target/medialive-distributor.jar) run as its own process, the way
 * operators run it, so tests can stop it with SIGTERM, kill it, and start it again on
 * the same data directory.
 */
public final class DistributorServer implements AutoCloseable {

    /** The admin password every test server gets (DISTRIBUTOR_ADMIN_PASSWORD). */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final List<String> extraArgs;
    private final Map<String, String> environment = new HashMap<>();
    private boolean quick = true;
    private Process process;

    public DistributorServer(Path dataDir, String name, String... extraArgs) {
        this.dataDir = dataDir;
        this.port = Ports.freeTcp();
        this.log = Path.of("target", "it-logs", name + "-" + port + ".log");
        this.extraArgs = List.of(extraArgs);
    }

    /** When {@code exactly}, starts it as operators do (java -jar, full JIT), not the test suite's {@link QuickStart}: for the benchmark. */
    public DistributorServer asOperatorsRunIt(boolean exactly) {
        quick = !exactly;
        return this;
    }

    /** An environment variable for the server (and so, where the server passes it on, its children): before start. */
    public DistributorServer withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Starts the server expecting it to refuse to start; returns its exit code. */
    public int startExpectingFailure() {
        launch();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the server started although it should have refused:\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts the server and waits until it is ready: stored channels restored, API answering. */
    public DistributorServer start() {
        launch();
        Api api = anonymous();
        await("server on port " + port + " answering (log: " + log + ")")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("server exited with " + process.exitValue() + ":\n" + logTail());
                    }
                    try {
                        return api.get("/actuator/health/readiness").status() == 200;
                    } catch (AssertionError notYet) {
                        return false;
                    }
                });
        return this;
    }

    /** Starts the process without waiting for it: for a server start() cannot probe (e.g. HTTPS only). */
    public DistributorServer launch() {
        String jar = System.getProperty("distributor.jar", "target/medialive-distributor.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        // e.g. -Ddistributor.jvm-options=-XX:StartFlightRecording=filename=server.jfr to profile a benchmark run
        String jvmOptions = System.getProperty("distributor.jvm-options", "").trim();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(quick ? QuickStart.command(jar) : List.of("-jar", jar));
        command.addAll(List.of("--server.port=" + port, "--distributor.data-dir=" + dataDir));
        command.addAll(extraArgs);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("DISTRIBUTOR_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().putAll(environment);
            process = builder.start();
            Process started = process;
            // a failing test may never reach close(): the server must not outlive the test run
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (started.isAlive()) {
                    started.destroy();
                }
            }));
        } catch (IOException e) {
            throw new AssertionError("could not start the server: " + e.getMessage(), e);
        }
        return this;
    }

    /** SIGTERM, as systemd or Ctrl-C would; waits for the JVM to exit. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("server did not exit within 60 s of SIGTERM:\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL: a crash, as far as the server can tell. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The API as the admin, signed in through the login form once (HTTP Basic once the session ends). */
    public Api api() {
        return new Api(port).signedInAs("admin", ADMIN_PASSWORD);
    }

    /** The API without credentials. */
    public Api anonymous() {
        return new Api(port);
    }

    public int port() {
        return port;
    }

    /** Where a browser finds the dashboard. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Lines logged at ERROR level and stack-trace lines: a refused request must cause neither. */
    public List<String> errorsInLog() {
        return logText().lines()
                .filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ") || line.startsWith("Caused by:"))
                .toList();
    }

    public String logTail() {
        String text = logText();
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
