package org.medialive.distributor.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real H.264 + AAC transport stream made by FFmpeg (test pattern and tone) at a
 * constant mux rate, as MediaLive's default PIDs lay it out (PMT 480, video 481,
 * audio 482). Made once per parameter set and kept under target/test-streams.
 */
public final class TestStream {

    /** Mux rate of every test stream: low enough for a 2-core CI machine, high enough to matter. */
    public static final long BITRATE = 2_500_000;

    private TestStream() {
    }

    /** A stream of {@code seconds} seconds; 640x360 at 25 fps. */
    public static synchronized Path plain(int seconds) {
        Path file = Path.of("target", "test-streams", "plain-" + seconds + "s.ts").toAbsolutePath();
        if (Files.exists(file)) {
            return file;
        }
        run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
                "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-b:v", "1500k", "-maxrate", "1500k", "-bufsize", "1500k",
                "-c:a", "aac", "-b:a", "96k",
                "-f", "mpegts", "-muxrate", Long.toString(BITRATE),
                "-mpegts_pmt_start_pid", "480", "-mpegts_start_pid", "481",
                "-y", file + ".part"), file);
        return file;
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void run(List<String> command, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("ffmpeg failed: " + output);
            }
            Files.move(Path.of(file + ".part"), file);
        } catch (IOException e) {
            throw new AssertionError("could not run ffmpeg: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
