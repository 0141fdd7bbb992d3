package org.medialive.distributor.thumbnail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.medialive.distributor.output.ProcessRegistry;

/**
 * Turns one keyframe into a JPEG with a short-lived ffmpeg: the access unit on its stdin, one
 * frame scaled to the configured width on its stdout. No decoder runs between pictures. The
 * process is killed when it overruns the time limit and is always gone when {@link #decode}
 * returns; it is recorded like output processes, so a crash of this server leaves none behind.
 */
final class FfmpegDecoder {

    /** Far above a 320-pixel JPEG; more means something else than a picture came out. */
    private static final int MAX_JPEG = 4 << 20;

    private final ThumbnailProperties settings;
    private final ProcessRegistry processes;
    private final ScheduledExecutorService killer;

    FfmpegDecoder(ThumbnailProperties settings, ProcessRegistry processes, ScheduledExecutorService killer) {
        this.settings = settings;
        this.processes = processes;
        this.killer = killer;
    }

    List<String> command(VideoCodec codec) {
        int width = settings.width();
        // the height follows the display aspect ratio (dar includes a non-square sample aspect), even for the encoder
        return List.of(settings.ffmpeg(), "-hide_banner", "-loglevel", "error", "-threads", "1",
                "-f", codec.ffmpegFormat(), "-i", "pipe:0", "-frames:v", "1",
                "-vf", "scale=" + width + ":trunc(" + width + "/dar/2)*2,setsar=1",
                "-f", "mjpeg", "-q:v", "5", "pipe:1");
    }

    byte[] decode(Keyframe keyframe) throws IOException, InterruptedException {
        ProcessBuilder builder = processes.markAsOurs(new ProcessBuilder(command(keyframe.codec())));
        Process ffmpeg = builder.start();
        processes.add(ffmpeg.pid());
        ScheduledFuture<?> limit = killer.schedule(ffmpeg::destroyForcibly, settings.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        try {
            Thread feeder = new Thread(() -> feed(ffmpeg, keyframe.accessUnit()), "thumbnail-feed");
            feeder.setDaemon(true);
            feeder.start();
            byte[] jpeg;
            byte[] errors;
            try {
                jpeg = readAtMost(ffmpeg.getInputStream(), MAX_JPEG);
                errors = readAtMost(ffmpeg.getErrorStream(), 4096);
            } catch (IOException e) {
                jpeg = new byte[0]; // the kill at the time limit closes the pipes under the read
                errors = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            }
            int exit = ffmpeg.waitFor();
            if (limit.isDone() && !limit.isCancelled()) {
                throw new IOException("ffmpeg took longer than " + settings.timeLimit().toMillis() + " ms and was killed");
            }
            if (exit != 0 || jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
                throw new IOException("ffmpeg exited " + exit + " without a picture: "
                        + new String(errors, StandardCharsets.UTF_8).strip());
            }
            return jpeg;
        } finally {
            limit.cancel(false);
            if (ffmpeg.isAlive()) {
                ffmpeg.destroyForcibly();
                ffmpeg.waitFor();
            }
            processes.remove(ffmpeg.pid());
        }
    }

    /** ffmpeg may stop reading once it has its frame: a broken pipe then is normal. */
    private static void feed(Process ffmpeg, byte[] accessUnit) {
        try (OutputStream stdin = ffmpeg.getOutputStream()) {
            stdin.write(accessUnit);
        } catch (IOException ignored) {
            // it exited or was killed; its exit status tells
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 << 10);
        byte[] chunk = new byte[16 << 10];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            if (out.size() < limit) {
                out.write(chunk, 0, Math.min(n, limit - out.size()));
            }
        }
        return out.toByteArray();
    }
}
