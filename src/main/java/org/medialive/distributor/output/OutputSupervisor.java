package org.medialive.distributor.output;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecCommandExecutor;
import org.apache.camel.component.exec.ExecResult;

/**
 * Runs one output's process for its route: the route's three steps are
 * {@link #awaitTurn} (the pause before a restart), the camel-exec call that lands in
 * {@link #execute} (start, stream messages, wait) and {@link #runEnded} (why it ended,
 * how long to pause). Stopping signals the process group and ends the loop.
 */
final class OutputSupervisor implements ExecCommandExecutor {

    /** Where a route template puts the destination URL in its arguments. */
    static final String DESTINATION_TOKEN = "${destination}";

    private final Output output;
    private final RestartBackoff backoff;
    private final int maxRestarts;
    private final long graceMillis;
    private final ProcessStopper stopper;
    private long nextStartMillis;
    private long runStartedMillis;
    private boolean stopping;
    private boolean restartRequested;
    private OutputRun run;

    OutputSupervisor(Output output, RestartBackoff backoff, int maxRestarts, Duration grace, ProcessStopper stopper) {
        this.stopper = stopper;
        this.output = output;
        this.backoff = backoff;
        this.maxRestarts = maxRestarts;
        this.graceMillis = grace.toMillis();
    }

    /** Route step 1: waits out the restart pause; ends the exchange if the output is stopping. */
    public synchronized void awaitTurn(Exchange exchange) throws InterruptedException {
        long wait;
        while (!stopping && !restartRequested && (wait = nextStartMillis - System.currentTimeMillis()) > 0) {
            wait(Math.min(wait, 1000));
        }
        restartRequested = false;
        if (stopping) {
            exchange.setRouteStop(true);
        }
    }

    /** Route step 2, called by camel-exec: one run of the process, from start to exit. */
    @Override
    public ExecResult execute(ExecCommand command) {
        int exit;
        synchronized (this) {
            runStartedMillis = System.currentTimeMillis();
        }
        try (OutputRun current = OutputRun.prepare(output, output.ring())) {
            synchronized (this) {
                if (stopping) {
                    return result(command, -1);
                }
                run = current;
                runStartedMillis = System.currentTimeMillis();
                Destination.ProcessObserver observer = output.destination().observe(output.status());
                // before the start: the process may report "connected" before start() returns
                output.status().moveTo(OutputState.STARTING, "starting " + command.getExecutable());
                current.start(commandLine(command), output, observer);
                output.feeding(true);
            }
            exit = current.child().waitFor();
            output.feeding(false);
            current.note("process exited with code " + exit);
            output.registry().remove(current.child().pid());
        } catch (IOException e) {
            output.status().error("could not start " + command.getExecutable() + ": " + e.getMessage());
            exit = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        } finally {
            output.feeding(false);
            synchronized (this) {
                run = null;
            }
        }
        return result(command, exit);
    }

    /** Route step 3: records why the run ended and schedules the next one. */
    public synchronized void runEnded(Exchange exchange) {
        if (stopping) {
            return;
        }
        Integer exit = exchange.getMessage().getHeader("CamelExecExitValue", Integer.class);
        Duration ranFor = Duration.ofMillis(System.currentTimeMillis() - runStartedMillis);
        if (restartRequested) {
            backoff.reset();
            nextStartMillis = 0;
            return;
        }
        String ended = describeExit(exit == null ? -1 : exit);
        String detail = errorDuringRun();
        String why = detail == null ? ended : ended + ": " + detail;
        if (detail == null) {
            output.status().error(ended);
        }
        output.countRestart();
        Duration pause = backoff.next(ranFor);
        if (maxRestarts > 0 && backoff.failures() > maxRestarts) {
            nextStartMillis = Long.MAX_VALUE;
            output.status().moveTo(OutputState.FAILED, why + "; gave up after " + maxRestarts + " restarts, use restart to try again");
        } else {
            nextStartMillis = System.currentTimeMillis() + pause.toMillis();
            output.status().moveTo(OutputState.RETRYING, why + "; restarting in " + pause.toMillis() + " ms");
        }
    }

    /** Kills the current process now; the next one starts without a pause. */
    void restartNow() {
        OutputRun current;
        synchronized (this) {
            restartRequested = true;
            nextStartMillis = 0;
            backoff.reset();
            notifyAll();
            current = run;
        }
        if (current != null) {
            current.stopProcess(graceMillis);
        }
    }

    /** Ends the loop: no further run starts, the current process group is stopped. */
    void stop() {
        OutputRun current;
        synchronized (this) {
            stopping = true;
            notifyAll();
            current = run;
        }
        if (current != null) {
            current.stopProcess(graceMillis);
        }
    }

    /**
     * Restarts the process if it has stopped draining its FIFO for longer than {@code limit}
     * (judged by {@link FifoWriter#nanosRefused}: a pause of our writer is not its fault), or
     * closed it. The stop runs on the {@link ProcessStopper}: this returns at once.
     */
    void restartIfStalled(Duration limit) {
        OutputRun current;
        synchronized (this) {
            current = run;
        }
        if (current == null || current.child() == null) {
            return;
        }
        FifoWriter writer = current.writer();
        String why = writer.failure() != null ? "writing to the process failed (" + writer.failure() + "), killed"
                : writer.nanosRefused() > limit.toNanos()
                ? "process stopped reading: its input stayed full for " + limit.toSeconds() + " s, killed" : null;
        if (why != null && current.claimStop()) {
            output.status().error(why);
            current.note(why);
            stopper.stopLater(() -> current.stopProcess(graceMillis));
        }
    }

    private List<String> commandLine(ExecCommand command) {
        List<String> line = new ArrayList<>();
        line.add(command.getExecutable());
        for (String arg : command.getArgs()) {
            line.add(arg.replace(DESTINATION_TOKEN, output.destination().processUrl()));
        }
        return line;
    }

    private String describeExit(int exit) {
        if (exit > 128 && exit < 160) {
            return "process killed by signal " + (exit - 128);
        }
        return exit < 0 ? "process could not run" : "process exited with code " + exit;
    }

    /** The problem the process reported during the run that just ended, if any. */
    private String errorDuringRun() {
        var at = output.status().lastErrorAt();
        return at != null && at.toEpochMilli() >= runStartedMillis ? output.status().lastError() : null;
    }

    private static ExecResult result(ExecCommand command, int exit) {
        InputStream empty = new ByteArrayInputStream(new byte[0]);
        return new ExecResult(command, empty, empty, exit);
    }
}
