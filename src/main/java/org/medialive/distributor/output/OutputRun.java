package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one run of an output's process needs, made before the process starts and
 * released after it ends: a fresh FIFO (so the process starts reading on a packet
 * boundary), its writer, the log file, and the process itself.
 */
final class OutputRun implements AutoCloseable {

    private final Path fifo;
    private final FifoWriter writer;
    private final ProcessLog log;
    private ChildProcess child;
    private final java.util.concurrent.atomic.AtomicBoolean stopClaimed = new java.util.concurrent.atomic.AtomicBoolean();

    private OutputRun(Path fifo, FifoWriter writer, ProcessLog log) {
        this.fifo = fifo;
        this.writer = writer;
        this.log = log;
    }

    static OutputRun prepare(Output output, PacketRing ring) throws IOException {
        Path fifo = output.runDir().resolve("stream.ts");
        NamedPipe.create(fifo);
        ring.discardUnread();
        FifoWriter writer = FifoWriter.open(ring, fifo, "fifo-" + output.key(), output.bytesCounter(), output.cueTap(),
                output.flusher());
        try {
            return new OutputRun(fifo, writer, output.openLog());
        } catch (IOException e) {
            writer.close();
            NamedPipe.delete(fifo);
            throw e;
        }
    }

    void start(List<String> command, Output output, Destination.ProcessObserver observer) throws IOException {
        List<String> secrets = output.destination().secrets();
        log.write("cmd", String.join(" ", command));
        child = ChildProcess.start(command, output.runDir(), fifo.toFile(), output.registry().owner(),
                // stdout carries statistics only (SRT JSON, FFmpeg progress): shown in the status, not logged
                line -> observer.stdout(ProcessLog.mask(line, secrets)),
                line -> {
                    String masked = ProcessLog.mask(line, secrets);
                    log.write("err", masked);
                    observer.stderr(masked);
                });
        output.registry().add(child.pid());
        log.write("---", "process started, pid " + child.pid());
    }

    /**
     * Ends the process: end-of-file on its input first (srt-live-transmit and FFmpeg finish
     * cleanly on it, and a process blocked reading a quiet FIFO would not see a signal),
     * then SIGTERM and, after the grace period, SIGKILL to its group.
     */
    void stopProcess(long graceMillis) {
        writer.close();
        if (child != null) {
            child.stop(graceMillis);
        }
    }

    /** True for the first caller only: the watchdog asks for one stop per run, not one per tick. */
    boolean claimStop() {
        return stopClaimed.compareAndSet(false, true);
    }

    ChildProcess child() {
        return child;
    }

    FifoWriter writer() {
        return writer;
    }

    void note(String line) {
        log.write("---", line);
    }

    @Override
    public void close() {
        writer.close();
        NamedPipe.delete(fifo);
        log.close();
    }
}
