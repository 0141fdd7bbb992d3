package org.medialive.distributor.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's live encoder, standing in for MediaLive: FFmpeg makes a test pattern with a
 * tone in real time, {@link Scte35Injector} adds a splice_insert every cue interval, and
 * {@link RtpPacer} sends the result as RTP to the demo channel's UDP port on loopback.
 */
final class DemoSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSource.class);
    /** Where MediaLive's default configurations carry SCTE-35. */
    static final int SCTE35_PID = 500;
    private static final Duration SPLICE_LEAD = Duration.ofSeconds(2);
    private static final int PIPE_BYTES = 64 * 1024;
    private static final int SSRC = 0x0de30de3;

    private final InetSocketAddress target;
    private final DemoProperties settings;
    private final AtomicLong nextEventId = new AtomicLong(1);
    private volatile RtpPacer pacer;

    DemoSource(InetSocketAddress target, DemoProperties settings) {
        this.target = target;
        this.settings = settings;
    }

    /** FFmpeg live (-re): 640x360 test pattern and 1 kHz tone, H.264 + AAC, MediaLive's PIDs, TS on stdout. */
    List<String> ffmpegCommand() {
        return List.of("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin",
                "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-re", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
                "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50",
                "-b:v", "1500k", "-maxrate", "1500k", "-bufsize", "1500k",
                "-c:a", "aac", "-b:a", "96k",
                // -muxrate pads with null packets, which the injector replaces by cues
                "-f", "mpegts", "-muxrate", Long.toString(settings.bitrate()),
                "-mpegts_pmt_start_pid", "480", "-mpegts_start_pid", "481",
                "pipe:1");
    }

    /** Sends what one FFmpeg run writes, with cues, until that run ends or this source is closed. */
    void feedFrom(Process ffmpeg) {
        Scte35Injector injector = new Scte35Injector(new Scte35Injector.Settings(SCTE35_PID,
                settings.cueInterval(), SPLICE_LEAD, settings.breakDuration(), nextEventId.get()));
        PipedInputStream paced = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream withCues;
        try {
            withCues = new PipedOutputStream(paced);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // the copy runs on a thread of its own so the pacer's clock never waits on FFmpeg's pipe
        Thread copy = new Thread(() -> {
            try (InputStream ts = ffmpeg.getInputStream(); withCues) {
                injector.copy(ts, withCues);
            } catch (IOException ended) {
                // FFmpeg stopped or the pacer was closed; the next run starts afresh
            } finally {
                nextEventId.addAndGet(injector.injected().size());
            }
        }, "demo-cue-injector-" + ffmpeg.pid());
        copy.setDaemon(true);
        copy.start();
        RtpPacer previous = pacer;
        if (previous != null) {
            previous.close();
        }
        pacer = new RtpPacer(target, settings.bitrate(), SSRC).start(paced);
        LOG.info("Demo: test source sending RTP to {} ({} bit/s, a SCTE-35 splice_insert every {} s on PID {})",
                target, settings.bitrate(), settings.cueInterval().toSeconds(), SCTE35_PID);
    }

    @Override
    public void close() {
        RtpPacer current = pacer;
        if (current != null) {
            current.close();
        }
    }
}
