package org.medialive.distributor.output;

import io.netty.channel.DefaultEventLoop;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real FIFOs, written by the real flusher on a Netty event loop. */
class FifoWriterTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final FifoFlusher flusher = new FifoFlusher(loop, Duration.ofMillis(10));

    @TempDir
    Path dir;

    @AfterEach
    void stopFlusher() {
        flusher.destroy();
        loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static byte[] packets(int count, int seed) {
        byte[] data = new byte[count * 188];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + seed + i / 188);
        }
        return data;
    }

    /** FileInputStream.readNBytes seeks, which a FIFO refuses on Java 17. */
    private static byte[] readFully(InputStream in, int length) throws java.io.IOException {
        byte[] data = new byte[length];
        new java.io.DataInputStream(in).readFully(data);
        return data;
    }

    @Test
    void aReaderThatStopsFillsOnlyItsOwnPipeAndGetsEverythingWhenItReadsAgain() throws Exception {
        Path stuckPath = dir.resolve("stuck.ts");
        Path livePath = dir.resolve("live.ts");
        NamedPipe.create(stuckPath);
        NamedPipe.create(livePath);
        PacketRing stuckRing = new PacketRing(1 << 20);
        PacketRing liveRing = new PacketRing(1 << 20);
        AtomicLong stuckBytes = new AtomicLong();
        AtomicLong liveBytes = new AtomicLong();
        FifoWriter stuck = FifoWriter.open(stuckRing, stuckPath, "stuck", stuckBytes, null, flusher);
        FifoWriter live = FifoWriter.open(liveRing, livePath, "live", liveBytes, null, flusher);
        try (InputStream liveReader = new FileInputStream(livePath.toFile())) {
            byte[] stuckData = packets(1000, 1); // 188,000 bytes: nearly three pipes' worth, nobody reads yet
            stuckRing.offer(stuckData, 0, stuckData.length);
            await("the stuck pipe is full").atMost(Duration.ofSeconds(10))
                    .until(() -> stuckBytes.get() >= 60_000 && !stuckRing.isEmpty()
                            && stuck.nanosRefused() > 200_000_000L);
            long stuckAt = stuckBytes.get();

            byte[] liveData = packets(700, 2);
            for (int i = 0; i < liveData.length; i += 7 * 188) {
                liveRing.offer(liveData, i, 7 * 188);
            }
            assertThat(readFully(liveReader, liveData.length)).as("the other output keeps flowing").isEqualTo(liveData);
            await("counted").atMost(Duration.ofSeconds(10)).until(() -> liveBytes.get() == liveData.length);
            assertThat(stuckBytes.get()).as("nothing more went into the full pipe").isEqualTo(stuckAt);

            try (InputStream stuckReader = new FileInputStream(stuckPath.toFile())) {
                assertThat(readFully(stuckReader, stuckData.length)).as("in order, nothing lost").isEqualTo(stuckData);
            }
            assertThat(stuckRing.droppedBytes()).isZero();
            await("progress again").atMost(Duration.ofSeconds(10)).until(() -> stuck.nanosRefused() < 200_000_000L);
        } finally {
            stuck.close();
            live.close();
        }
    }

    @Test
    void closingEndsTheFileForTheReader() throws Exception {
        Path path = dir.resolve("out.ts");
        NamedPipe.create(path);
        PacketRing ring = new PacketRing(1 << 16);
        FifoWriter writer = FifoWriter.open(ring, path, "out", new AtomicLong(), null, flusher);
        try (InputStream reader = new FileInputStream(path.toFile())) {
            byte[] data = packets(7, 3);
            ring.offer(data, 0, data.length);
            assertThat(readFully(reader, data.length)).isEqualTo(data);
            writer.close();
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            reader.transferTo(rest);
            assertThat(rest.size()).as("end-of-file after close").isZero();
        }
    }

    /** Offers 7 packets every millisecond until stopped: a live channel's receive path. */
    private static Thread producer(PacketRing ring, java.util.concurrent.atomic.AtomicBoolean running) {
        Thread thread = new Thread(() -> {
            byte[] datagram = packets(7, 4);
            while (running.get()) {
                ring.offer(datagram, 0, datagram.length);
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }, "test-producer");
        thread.start();
        return thread;
    }

    /** Reads the FIFO as fast as it can while {@code reading} is set; only waits otherwise. */
    private static Thread reader(InputStream in, java.util.concurrent.atomic.AtomicBoolean reading,
                                 java.util.concurrent.atomic.AtomicBoolean running, AtomicLong read) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try {
                while (running.get()) {
                    if (!reading.get()) {
                        Thread.sleep(5);
                        continue;
                    }
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    read.addAndGet(n);
                }
            } catch (java.io.IOException | InterruptedException ended) {
                // the test is over
            }
        }, "test-reader");
        thread.start();
        return thread;
    }

    @Test
    void aPauseOfOurWriterIsNotBlamedOnTheReaderButAReaderThatStopsIs() throws Exception {
        Path path = dir.resolve("judged.ts");
        NamedPipe.create(path);
        PacketRing ring = new PacketRing(1 << 20);
        AtomicLong written = new AtomicLong();
        FifoWriter writer = FifoWriter.open(ring, path, "judged", written, null, flusher);
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        var reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        AtomicLong read = new AtomicLong();
        try (InputStream in = new FileInputStream(path.toFile())) {
            Thread producer = producer(ring, running);
            Thread reader = reader(in, reading, running, read);
            await("flowing").atMost(Duration.ofSeconds(10)).until(() -> read.get() > 500_000);

            // our writer pauses for 1.5 s (the flusher's loop is held), the reader goes on reading
            java.util.concurrent.CountDownLatch resume = new java.util.concurrent.CountDownLatch(1);
            loop.execute(() -> {
                try {
                    resume.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long pauseEnds = System.nanoTime() + 1_500_000_000L;
            long longestRefusal = 0;
            while (System.nanoTime() < pauseEnds) {
                longestRefusal = Math.max(longestRefusal, writer.nanosRefused());
                Thread.sleep(10);
            }
            long writtenBeforeResume = written.get();
            resume.countDown();
            long afterPauseEnds = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < afterPauseEnds) {
                longestRefusal = Math.max(longestRefusal, writer.nanosRefused());
                Thread.sleep(10);
            }
            assertThat(written.get()).as("writing resumed").isGreaterThan(writtenBeforeResume);
            assertThat(longestRefusal).as("the 1.5 s pause was ours, not the reader's").isLessThan(500_000_000L);
            assertThat(writer.failure()).isNull();

            // now the reader stops taking data while our writer keeps trying
            reading.set(false);
            await("the reader is blamed").atMost(Duration.ofSeconds(10))
                    .until(() -> writer.nanosRefused() > 1_500_000_000L);

            running.set(false);
            producer.join(2000);
            writer.close(); // end-of-file: the reader thread ends
            reader.join(2000);
        } finally {
            running.set(false);
            writer.close();
        }
    }
}
