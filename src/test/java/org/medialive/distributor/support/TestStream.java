package org.medialive.distributor.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.medialive.distributor.demo.Scte35Injector;
import java.util.concurrent.TimeUnit;

/**
 * A real H.264 + AAC transport stream made by FFmpeg (test pattern and tone) at a
 * constant mux rate, as MediaLive's default PIDs lay it out (PMT 480, video 481,
 * audio 482). Made once per parameter set and kept under target/test-streams.
 */
public final class TestStream {

    /** Mux rate of every test stream: low enough for a 2-core CI machine, high enough to matter. */
    public static final long BITRATE = 2_500_000;
    /** Where {@link #withCues} carries SCTE-35, as MediaLive's default configurations do. */
    public static final int SCTE35_PID = 500;
    /** A splice_insert every this many seconds of stream time in {@link #withCues}. */
    public static final int CUE_INTERVAL_SECONDS = 4;

    private TestStream() {
    }

    /** A stream of {@code seconds} seconds; 640x360 at 25 fps, one AAC track (48 kHz). */
    public static Path plain(int seconds) {
        return make("plain", seconds, List.of("-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000"),
                List.of("-map", "0:v", "-map", "1:a"));
    }

    /** Two audio tracks: PID 482 English at 48 kHz, PID 483 French at 44.1 kHz. */
    public static Path twoAudioTracks(int seconds) {
        return make("two-audio", seconds,
                List.of("-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
                        "-f", "lavfi", "-i", "sine=frequency=500:sample_rate=44100"),
                List.of("-map", "0:v", "-map", "1:a", "-map", "2:a",
                        "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fra"));
    }

    /** Video only, as a channel without audio sends it. */
    public static Path videoOnly(int seconds) {
        return make("video-only", seconds, List.of(), List.of("-map", "0:v"));
    }

    private static synchronized Path make(String name, int seconds, List<String> audioInputs, List<String> maps) {
        Path file = Path.of("target", "test-streams", name + "-" + seconds + "s.ts").toAbsolutePath();
        if (Files.exists(file)) {
            return file;
        }
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25"));
        command.addAll(audioInputs);
        command.addAll(maps);
        command.addAll(List.of("-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-b:v", "1500k", "-maxrate", "1500k", "-bufsize", "1500k",
                "-c:a", "aac", "-b:a", "96k",
                "-f", "mpegts", "-muxrate", Long.toString(BITRATE),
                "-mpegts_pmt_start_pid", "480", "-mpegts_start_pid", "481",
                "-y", file + ".part"));
        run(command, file);
        return file;
    }

    /**
     * The {@link #plain} stream with SCTE-35 as MediaLive passes it through: PID 500 of
     * stream_type 0x86 with a CUEI registration in the PMT, and a splice_insert (event ids
     * from 1000, 30 s breaks) every {@link #CUE_INTERVAL_SECONDS} seconds, in place of null packets.
     */
    public static synchronized Path withCues(int seconds) {
        Path file = Path.of("target", "test-streams", "cues-" + seconds + "s.ts").toAbsolutePath();
        if (Files.exists(file)) {
            return file;
        }
        Scte35Injector injector = new Scte35Injector(new Scte35Injector.Settings(SCTE35_PID,
                Duration.ofSeconds(CUE_INTERVAL_SECONDS), Duration.ofSeconds(2), Duration.ofSeconds(30), 1000));
        Path part = Path.of(file + ".part");
        try (InputStream in = Files.newInputStream(plain(seconds)); OutputStream out = Files.newOutputStream(part)) {
            injector.copy(in, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        try {
            Files.move(part, file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
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
