package org.medialive.distributor.demo;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.medialive.distributor.stream.TsPacket;

/**
 * Turns a TS made by FFmpeg with {@code -muxrate} into a stream with SCTE-35 cues, for demos and
 * tests. Every PMT gains an SCTE-35 stream; every {@code interval} of video time a splice_insert
 * goes out on that PID, splicing {@code lead} after the current video PTS. The cue REPLACES a
 * null packet, so the stream keeps its size and mux rate (tests compare bytes and pace by the
 * rate); the input must therefore carry null packets, as {@code -muxrate} guarantees.
 * Works on a file or a live pipe alike: packets are changed in place, one at a time.
 * Not thread-safe: one stream, one thread.
 */
public final class Scte35Injector {

    /** @param firstEventId splice_event_id of the first cue; the next ones count up */
    public record Settings(int scte35Pid, Duration interval, Duration lead, Duration breakDuration, long firstEventId) {
    }

    /** @param splicePts 33-bit PTS the splice is for; @param breakDuration 90 kHz ticks */
    public record InjectedCue(long eventId, long splicePts, long breakDuration) {
    }

    private static final long PTS_MASK = (1L << 33) - 1;
    private static final int CHUNK = 7 * TsPacket.SIZE;

    private final Settings settings;
    private final PmtRewriter pmtRewriter;
    private final List<InjectedCue> injected = new ArrayList<>();
    private int pmtPid = -1;
    private long nextCueAt = -1;
    /** Splice time of the cue waiting for a null packet to replace, -1 when none is due. */
    private long dueSplicePts = -1;
    private int continuity;

    public Scte35Injector(Settings settings) {
        this.settings = settings;
        this.pmtRewriter = new PmtRewriter(settings.scte35Pid());
    }

    /** Changes whole packets in place; the length never changes. */
    public void process(byte[] buffer, int offset, int length) {
        for (int at = offset; at + TsPacket.SIZE <= offset + length; at += TsPacket.SIZE) {
            if (buffer[at] == TsPacket.SYNC) {
                packet(buffer, at);
            }
        }
    }

    /**
     * Copies a TS through the injector until the end of {@code in}. A pipe may hand over part of a
     * packet: it waits for the rest, but passes on every whole packet at once, for live use.
     */
    public void copy(InputStream in, OutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK];
        int filled = 0;
        int read;
        while ((read = in.read(chunk, filled, CHUNK - filled)) >= 0) {
            filled += read;
            int whole = filled - filled % TsPacket.SIZE;
            if (whole > 0) {
                process(chunk, 0, whole);
                out.write(chunk, 0, whole);
                out.flush();
                System.arraycopy(chunk, whole, chunk, 0, filled - whole);
                filled -= whole;
            }
        }
        out.write(chunk, 0, filled); // a torn last packet passes unchanged
        out.flush();
    }

    /**
     * For demo scripts, stdin to stdout:
     * {@code ffmpeg ... -f mpegts pipe:1 | java -cp target/classes org.medialive.distributor.demo.Scte35Injector [intervalSeconds [breakSeconds]]}.
     */
    public static void main(String[] args) throws IOException {
        Duration interval = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 30);
        Duration breakDuration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 15);
        Scte35Injector injector = new Scte35Injector(new Settings(500, interval, Duration.ofSeconds(2), breakDuration, 1));
        // not System.out: a PrintStream hides a closed pipe, and the copy would never stop
        injector.copy(System.in, new FileOutputStream(FileDescriptor.out));
    }

    /** The cues written so far, in order. */
    public List<InjectedCue> injected() {
        return List.copyOf(injected);
    }

    private void packet(byte[] b, int at) {
        int pid = TsPacket.pid(b, at);
        if (pid == 0 && TsPacket.payloadUnitStart(b, at)) {
            int announced = PmtRewriter.firstPmtPid(b, at);
            pmtPid = announced >= 0 ? announced : pmtPid;
        } else if (pid == pmtPid && TsPacket.payloadUnitStart(b, at)) {
            pmtRewriter.rewrite(b, at);
        } else if (pid == pmtRewriter.videoPid && TsPacket.payloadUnitStart(b, at)) {
            onVideoPts(PesHeader.pts(b, at));
        } else if (pid == TsPacket.NULL_PID && dueSplicePts >= 0) {
            injectInto(b, at);
        }
    }

    private void onVideoPts(long pts) {
        if (pts < 0) {
            return;
        }
        if (nextCueAt < 0) {
            nextCueAt = (pts + ticks(settings.interval())) & PTS_MASK;
        } else if (dueSplicePts < 0 && reached(pts, nextCueAt)) {
            // timed from the frame that made it due, not the null packet that will carry it:
            // splice points stay on the interval whatever the muxer's null packet pattern
            dueSplicePts = (pts + ticks(settings.lead())) & PTS_MASK;
            nextCueAt = (nextCueAt + ticks(settings.interval())) & PTS_MASK;
        }
    }

    private void injectInto(byte[] b, int at) {
        long eventId = settings.firstEventId() + injected.size();
        long duration = ticks(settings.breakDuration());
        SpliceInsertPacket.write(b, at, settings.scte35Pid(), continuity, eventId, dueSplicePts, duration);
        continuity = (continuity + 1) & 0x0F;
        injected.add(new InjectedCue(eventId, dueSplicePts, duration));
        dueSplicePts = -1;
    }

    /** Whether {@code pts} is at or after {@code target} on the 33-bit clock, which wraps every 26.5 hours. */
    private static boolean reached(long pts, long target) {
        long ahead = (pts - target) & PTS_MASK;
        return ahead < (1L << 32);
    }

    private static long ticks(Duration duration) {
        return duration.toMillis() * 90;
    }
}
