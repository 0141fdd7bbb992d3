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
}
