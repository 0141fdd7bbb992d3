package org.medialive.distributor.thumbnail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.output.ProcessRegistry;
import org.medialive.distributor.stream.ElementaryStream;
import org.medialive.distributor.support.TestStream;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyframe collector on real encoder output (FFmpeg's libx264 and libx265 in MPEG-TS), and
 * the real ffmpeg decode of what it keeps: a picture of the configured width at the source's
 * display aspect ratio.
 */
class KeyframeCollectorTest {

    private static final ScheduledExecutorService KILLER = Executors.newSingleThreadScheduledExecutor();
    @TempDir
    Path work;

    @AfterAll
    static void stop() {
        KILLER.shutdownNow();
    }

    @Test
    void keepsTheLastIdrWithItsParameterSetsAndDecodesItAt320By180() throws Exception {
        byte[] ts = TestStream.bytes(TestStream.plain(10)); // 640x360, a keyframe every 50 frames (2 s)
        KeyframeCollector collector = new KeyframeCollector();
        collector.follow(List.of(new ElementaryStream(481, 0x1B, "H.264", null, null),
                new ElementaryStream(482, 0x0F, "AAC", null, null)));
        feedInDatagrams(collector, ts);

        Keyframe keyframe = collector.latest();
        assertThat(keyframe).isNotNull();
        assertThat(keyframe.codec()).isEqualTo(VideoCodec.H264);
        assertThat(nalTypes(keyframe.accessUnit(), VideoCodec.H264)).contains(7, 8, 5).doesNotContain(1);
        assertThat(keyframe.number()).as("keyframes completed in 10 s at one per 2 s (the last one waits for the next PES)").isBetween(4L, 5L);

        BufferedImage picture = decode(keyframe, 320);
        assertThat(picture.getWidth()).isEqualTo(320);
        assertThat(picture.getHeight()).isEqualTo(180);
    }

    @Test
    void followsNothingWithoutVideoAndDropsAnIdrWithAContinuityGap() {
        byte[] ts = TestStream.bytes(TestStream.plain(10));
        KeyframeCollector collector = new KeyframeCollector();
        collector.follow(List.of(new ElementaryStream(482, 0x0F, "AAC", null, null)));
        feedInDatagrams(collector, ts);
        assertThat(collector.hasVideo()).isFalse();
        assertThat(collector.latest()).isNull();

        collector.follow(List.of(new ElementaryStream(481, 0x1B, "H.264", null, null)));
        byte[] damaged = ts.clone();
        int removed = 0;
        List<Integer> keep = new ArrayList<>();
        for (int at = 0; at < damaged.length; at += 188) {
            boolean video = ((damaged[at + 1] & 0x1F) << 8 | (damaged[at + 2] & 0xFF)) == 481;
            boolean start = (damaged[at + 1] & 0x40) != 0;
            // lose the second packet of every video PES: every access unit has a gap
            if (video && !start && removed % 2 == 0 && keep.size() > 0 && isStart(damaged, keep.get(keep.size() - 1))) {
                removed++;
                continue;
            }
            if (video && start) {
                removed = 0;
            }
            keep.add(at);
        }
        byte[] gapped = new byte[keep.size() * 188];
        for (int i = 0; i < keep.size(); i++) {
            System.arraycopy(damaged, keep.get(i), gapped, i * 188, 188);
        }
        feedInDatagrams(collector, gapped);
        assertThat(collector.latest()).as("no keyframe from access units with a gap").isNull();
    }

    @Test
    void decodesHevcAtItsDisplayAspectRatio() throws Exception {
        // 480x360 pixels of sample aspect 4:3 display as 16:9
        Path file = work.resolve("hevc.ts");
        Process encode = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-f", "lavfi", "-i", "testsrc2=size=480x360:rate=25", "-t", "3", "-vf", "setsar=4/3",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "keyint=25:log-level=error",
                "-f", "mpegts", "-mpegts_start_pid", "481", "-y", file.toString()).redirectErrorStream(true).start();
        String output = new String(encode.getInputStream().readAllBytes());
        assertThat(encode.waitFor()).as(output).isZero();

        KeyframeCollector collector = new KeyframeCollector();
        collector.follow(List.of(new ElementaryStream(481, 0x24, "HEVC", null, null)));
        feedInDatagrams(collector, TestStream.bytes(file));
        Keyframe keyframe = collector.latest();
        assertThat(keyframe).isNotNull();
        assertThat(nalTypes(keyframe.accessUnit(), VideoCodec.HEVC)).contains(32, 33, 34);

        BufferedImage picture = decode(keyframe, 320);
        assertThat(picture.getWidth()).isEqualTo(320);
        assertThat(picture.getHeight()).isEqualTo(180);
    }

    @Test
    void killsADecodeThatOverrunsItsTimeLimit() {
        // "sleep" as ffmpeg: it reads nothing and writes nothing until killed
        Path fake = work.resolve("slow-ffmpeg");
        try {
            java.nio.file.Files.writeString(fake, "#!/bin/sh\nexec sleep 30\n");
            fake.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ThumbnailProperties settings = new ThumbnailProperties(true, Duration.ofSeconds(10), 320, Duration.ofMillis(300), 1, fake.toString());
        FfmpegDecoder decoder = new FfmpegDecoder(settings, registry(), KILLER);
        long started = System.nanoTime();
        Keyframe keyframe = new Keyframe(VideoCodec.H264, new byte[100], 1, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.decode(keyframe))
                .isInstanceOf(IOException.class).hasMessageContaining("killed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("no process outlives its decode").isEmpty();
    }

    private static BufferedImage decode(Keyframe keyframe, int width) throws IOException, InterruptedException {
        ThumbnailProperties settings = new ThumbnailProperties(true, Duration.ofSeconds(10), width, Duration.ofSeconds(20), 1, "ffmpeg");
        byte[] jpeg = new FfmpegDecoder(settings, registry(), KILLER).decode(keyframe);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("no ffmpeg outlives its decode").isEmpty();
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static ProcessRegistry registry() {
        ProcessRegistry registry = Mockito.mock(ProcessRegistry.class);
        Mockito.when(registry.markAsOurs(Mockito.any())).thenAnswer(call -> call.getArgument(0));
        return registry;
    }

    private static boolean isStart(byte[] ts, int at) {
        return (ts[at + 1] & 0x40) != 0;
    }

    /** As the receiver hands them on: seven packets at a time. */
    private static void feedInDatagrams(KeyframeCollector collector, byte[] ts) {
        for (int at = 0; at < ts.length; at += 1316) {
            collector.accept(ts, at, Math.min(1316, ts.length - at));
        }
    }

    private static List<Integer> nalTypes(byte[] es, VideoCodec codec) {
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i + 3 < es.length; i++) {
            if (es[i] == 0 && es[i + 1] == 0 && es[i + 2] == 1) {
                types.add(codec.nalType(es[i + 3]));
            }
        }
        return types;
    }
}
