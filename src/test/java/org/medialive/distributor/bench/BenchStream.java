package org.medialive.distributor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.medialive.distributor.demo.Scte35Injector;

/**
 * The benchmark's source: H.264 (x264 ultrafast, 640x360, 25 fps) and AAC made by FFmpeg at a
 * constant mux rate (null packets fill it to the target bitrate), MediaLive's PIDs (PMT 480,
 * video 481, audio 482), with SCTE-35 splice_inserts on PID 500 every 4 s put in place of null
 * packets. Made once per bitrate and kept under target/bench/streams; a longer one is reused.
 */
final class BenchStream {

    static final int SCTE35_PID = 500;
    private static final Pattern NAME = Pattern.compile("bench-(\\d+)k-(\\d+)s\\.ts");

    private BenchStream() {
    }

    /** A stream of at least {@code seconds} seconds at {@code bitsPerSecond}. */
    static Path atLeast(long bitsPerSecond, int seconds, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        long kbps = bitsPerSecond / 1000;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) == kbps && Integer.parseInt(m.group(2)) >= seconds) {
                    return file;
                }
            }
        }
        Path file = dir.resolve("bench-" + kbps + "k-" + seconds + "s.ts");
        Path plain = dir.resolve(file.getFileName() + ".plain.part");
        long video = Math.min(bitsPerSecond / 2, 20_000_000);
        List<String> command = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
                "-map", "0:v", "-map", "1:a", "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "50",
                "-b:v", Long.toString(video), "-maxrate", Long.toString(video), "-bufsize", Long.toString(video),
                "-c:a", "aac", "-b:a", "128k",
                "-f", "mpegts", "-muxrate", Long.toString(bitsPerSecond),
                "-mpegts_pmt_start_pid", "480", "-mpegts_start_pid", "481", "-y", plain.toString());
        System.out.printf("Making a %d s source stream at %.1f Mbit/s: %s%n", seconds, bitsPerSecond / 1e6, file);
        Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        if (!ffmpeg.waitFor(30, TimeUnit.MINUTES) || ffmpeg.exitValue() != 0) {
            throw new IOException("ffmpeg failed making the source stream: " + output);
        }
        Scte35Injector injector = new Scte35Injector(new Scte35Injector.Settings(SCTE35_PID,
                Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofSeconds(30), 1000));
        Path part = dir.resolve(file.getFileName() + ".part");
        try (InputStream in = Files.newInputStream(plain); OutputStream out = Files.newOutputStream(part)) {
            injector.copy(in, out);
        }
        Files.delete(plain);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** The file mapped read-only: shared by the pacer and every byte-exactness check, off the heap. */
    static MappedByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
    }
}
