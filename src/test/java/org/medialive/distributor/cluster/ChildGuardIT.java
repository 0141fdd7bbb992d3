package org.medialive.distributor.cluster;

import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.ChildProcesses;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.SrtSender;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * child-guard.sh around a real srt-live-transmit relay fed through a FIFO, with a stand-in for the
 * server's JVM. When that JVM is stopped (SIGSTOP: it keeps the FIFO open and writes nothing), the
 * guard ends the relay in a way that lets it say goodbye, so the SRT listener it fed takes the next
 * caller (the new owner's relay) at once, not after SRT's 5 s peer idle timeout.
 */
class ChildGuardIT {

    private static final int CHUNK = 7 * 188;

    @TempDir
    Path work;

    @Test
    void aStoppedJvmsRelayLeavesItsSrtListenerFreeForTheNextCallerAtOnce() throws Exception {
        Path guard = work.resolve("child-guard.sh");
        try (InputStream script = ChildFencing.class.getResourceAsStream("child-guard.sh")) {
            Files.write(guard, script.readAllBytes());
        }
        Path fifo = work.resolve("output.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        int port = Ports.freeUdp();
        Process jvm = new ProcessBuilder("sleep", "300").start(); // stands for the server that feeds the FIFO
        // opening a FIFO waits for the other end: the writer opens beside the guard's start
        CompletableFuture<OutputStream> writer = CompletableFuture.supplyAsync(() -> {
            try {
                return new FileOutputStream(fifo.toFile());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (SrtReceiver listener = SrtReceiver.listen(port, work.resolve("received.ts"), "")) {
            Process relay = new ProcessBuilder(List.of("sh", guard.toString(), Long.toString(jvm.pid()),
                    "srt-live-transmit", "-chunk:" + CHUNK, "file://con", "srt://127.0.0.1:" + port + "?mode=caller"))
                    .redirectInput(fifo.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("relay.log").toFile()).start();
            OutputStream out = writer.get(10, TimeUnit.SECONDS);
            byte[] stream = TestStream.bytes(TestStream.plain(30));
            Thread pacer = new Thread(() -> pace(stream, out), "fifo-pacer");
            pacer.start();
            await("the relay delivering").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> listener.bytesReceived() > 200_000);

            ChildProcesses.signal(jvm.pid(), "STOP");
            pacer.interrupt(); // a stopped JVM writes nothing more, and keeps the FIFO open
            assertThat(relay.waitFor(3, TimeUnit.SECONDS)).as("the guard ended with its relay").isTrue();
            // what the first relay sent is delivered after SRT's latency: wait until the file stops growing
            java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong(-1);
            await("the first relay's bytes delivered").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300))
                    .until(() -> seen.getAndSet(listener.bytesReceived()) == listener.bytesReceived());
            long before = listener.bytesReceived();
            long called = System.nanoTime();
            try (SrtSender next = SrtSender.start(TestStream.plain(30), "srt://127.0.0.1:" + port + "?mode=caller",
                    TestStream.BITRATE, work.resolve("next.log"))) {
                // a relay gone without a goodbye keeps the listener busy for its peer idle timeout (5 s)
                await("the listener takes the next caller").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> listener.bytesReceived() > before);
                System.out.printf("next caller's bytes at the listener %d ms after it started%n", (System.nanoTime() - called) / 1_000_000);
            }
            out.close();
        } finally {
            ChildProcesses.signal(jvm.pid(), "CONT");
            jvm.destroyForcibly();
        }
    }

    /** Writes {@code stream} to the FIFO at the test stream's bitrate, as the server would, until interrupted. */
    private static void pace(byte[] stream, OutputStream out) {
        long nanosPerChunk = CHUNK * 8L * 1_000_000_000L / TestStream.BITRATE;
        long next = System.nanoTime();
        try {
            for (int at = 0; at + CHUNK <= stream.length && !Thread.currentThread().isInterrupted(); at += CHUNK) {
                out.write(stream, at, CHUNK);
                next += nanosPerChunk;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        } catch (java.io.IOException e) {
            // the relay is gone
        }
    }
}
