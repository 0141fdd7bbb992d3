package org.medialive.distributor.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A second, independent mux of a test stream: what a second encoder pipeline would send. */
final class StreamRemux {

    private StreamRemux() {
    }

    /** FFmpeg's own TS mux of the same video and audio (its PIDs, its packetisation, its tables). */
    static Path ffmpeg(Path source, Path target) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", source.toString(),
                "-map", "0:v", "-map", "0:a", "-c", "copy", "-f", "mpegts", "-muxrate", "2500000", "-y", target.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (ffmpeg.waitFor() != 0 || !Files.exists(target)) {
            throw new AssertionError("ffmpeg could not remux " + source);
        }
        return target;
    }
}
