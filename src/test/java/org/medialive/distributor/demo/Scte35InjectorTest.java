package org.medialive.distributor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.Scte35Injector.InjectedCue;
import org.medialive.distributor.stream.Cue;
import org.medialive.distributor.stream.ElementaryStream;
import org.medialive.distributor.stream.SectionCounter;
import org.medialive.distributor.stream.SpliceCommand.SpliceInsert;
import org.medialive.distributor.stream.StreamInfo;
import org.medialive.distributor.stream.TsAnalyzer;
import org.medialive.distributor.stream.TsPacket;

/** The injector on a real FFmpeg-made TS, checked by the stream analyzer and by FFmpeg's own demuxer. */
class Scte35InjectorTest {

    private static final int PMT = 480;
    private static final int VIDEO = 481;
    private static final int AUDIO = 482;
    private static final int CUES = 500;
    private static final long SECOND = 90_000;
    private static final Scte35Injector.Settings SETTINGS = new Scte35Injector.Settings(
            CUES, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(30), 1000);
    private static final List<String> FFMPEG = List.of("ffmpeg", "-v", "error", "-nostdin",
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
            "-t", "12", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-b:v", "1500k", "-c:a", "aac", "-b:a", "96k",
            "-f", "mpegts", "-muxrate", "2500000", "-mpegts_pmt_start_pid", "480", "-mpegts_start_pid", "481");

    @TempDir
    static Path dir;
    static byte[] input;
    static byte[] output;
    static List<InjectedCue> injected;

    @BeforeAll
    static void injectIntoAnFfmpegStream() throws Exception {
        Path source = dir.resolve("source.ts");
        List<String> command = new ArrayList<>(FFMPEG);
        command.add(source.toString());
        run(command);
        input = Files.readAllBytes(source);
        output = input.clone();
        Scte35Injector injector = new Scte35Injector(SETTINGS);
        injector.process(output, 0, output.length);
        injected = injector.injected();
        Files.write(dir.resolve("injected.ts"), output);
    }

    @Test
    void injectsACueEveryIntervalOfVideoTime() throws Exception {
        // 12 s of video, a cue due 3, 6 and 9 s after the first frame, each splicing 2 s ahead
        long firstVideoPts = Long.parseLong(run(List.of("ffprobe", "-v", "error", "-select_streams", "v",
                "-show_entries", "stream=start_pts", "-of", "csv=p=0", dir.resolve("source.ts").toString())).lines().findFirst().orElseThrow());
        assertThat(injected).containsExactly(
                new InjectedCue(1000, firstVideoPts + 3 * SECOND + 2 * SECOND, 30 * SECOND),
                new InjectedCue(1001, firstVideoPts + 6 * SECOND + 2 * SECOND, 30 * SECOND),
                new InjectedCue(1002, firstVideoPts + 9 * SECOND + 2 * SECOND, 30 * SECOND));
    }

    @Test
    void changesOnlyPmtsAndTheNullPacketsItReplaces() {
        assertThat(output).hasSize(input.length);
        int pmts = 0;
        int replaced = 0;
        for (int at = 0; at < input.length; at += TsPacket.SIZE) {
            int inPid = TsPacket.pid(input, at);
            boolean same = Arrays.equals(input, at, at + TsPacket.SIZE, output, at, at + TsPacket.SIZE);
            if (inPid == PMT) {
                assertThat(same).as("PMT packet at %d rewritten", at).isFalse();
                pmts++;
            } else if (!same) {
                assertThat(inPid).isEqualTo(TsPacket.NULL_PID);
                assertThat(TsPacket.pid(output, at)).isEqualTo(CUES);
                replaced++;
            }
        }
        assertThat(pmts).isGreaterThan(100);
        assertThat(replaced).isEqualTo(injected.size());
    }

    @Test
    void theAnalyzerSeesTheCueStreamAndDecodesEveryCue() {
        TsAnalyzer before = analyze(input);
        TsAnalyzer after = analyze(output);
        StreamInfo info = after.snapshot();

        assertThat(info.programs()).singleElement().satisfies(p -> assertThat(p.registrations()).containsExactly("CUEI"));
        assertThat(info.streams()).extracting(ElementaryStream::pid, ElementaryStream::streamType, ElementaryStream::codec)
                .containsExactly(tuple(VIDEO, 0x1B, "H.264"),
                        tuple(AUDIO, 0x0F, "AAC"),
                        tuple(CUES, 0x86, "SCTE-35"));
        assertThat(info.scte35Pids()).containsExactly(CUES);
        assertThat(info.ccErrorsByPid()).containsKeys(0, PMT, VIDEO, AUDIO, CUES).allSatisfy((pid, errors) -> assertThat(errors).isZero());
        assertThat(info.packetsByPid()).containsEntry(CUES, (long) injected.size());
        assertThat(info.packetsByPid().get(TsPacket.NULL_PID))
                .isEqualTo(before.snapshot().packetsByPid().get(TsPacket.NULL_PID) - injected.size());
        assertThat(info.invalidSections()).isZero();

        List<Cue> cues = after.cues();
        assertThat(cues).hasSize(injected.size());
        for (int i = 0; i < cues.size(); i++) {
            SpliceInsert insert = (SpliceInsert) cues.get(i).splice().command();
            assertThat(insert.eventId()).isEqualTo(injected.get(i).eventId());
            assertThat(insert.spliceTime().pts()).isEqualTo(injected.get(i).splicePts());
            assertThat(insert.breakDuration().duration()).isEqualTo(injected.get(i).breakDuration());
            assertThat(insert.outOfNetwork()).isTrue();
            assertThat(insert.breakDuration().autoReturn()).isTrue();
            assertThat(cues.get(i).pid()).isEqualTo(CUES);
        }

        SectionCounter counter = new SectionCounter();
        counter.watch(after.scte35Pids());
        counter.accept(output, 0, output.length);
        assertThat(counter.sections()).isEqualTo(injected.size());
    }

    @Test
    void ffprobeSeesAnScte35StreamAndReadsEveryCue() throws Exception {
        String streams = run(List.of("ffprobe", "-v", "error", "-show_streams", "-of", "compact=p=0",
                dir.resolve("injected.ts").toString()));
        assertThat(streams.lines()).anyMatch(l -> l.contains("codec_name=scte_35") && l.contains("id=0x1f4"));

        // FFmpeg hands each splice_info_section over as a data packet: read the fields at their SCTE 35 offsets
        String packets = run(List.of("ffprobe", "-v", "error", "-select_streams", "d", "-show_packets", "-show_data",
                "-of", "json", dir.resolve("injected.ts").toString()));
        List<byte[]> sections = new ArrayList<>();
        new ObjectMapper().readTree(packets).path("packets").forEach(p -> sections.add(hexDump(p.path("data").asText())));
        assertThat(sections).hasSize(injected.size());
        for (int i = 0; i < sections.size(); i++) {
            byte[] s = sections.get(i);
            assertThat(s).hasSize(40);
            assertThat(s[0] & 0xFF).isEqualTo(0xFC);
            assertThat(s[13]).isEqualTo((byte) 0x05);
            assertThat(unsigned(s, 14, 4)).isEqualTo(injected.get(i).eventId());
            assertThat(((s[20] & 1L) << 32) | unsigned(s, 21, 4)).isEqualTo(injected.get(i).splicePts());
            assertThat(((s[25] & 1L) << 32) | unsigned(s, 26, 4)).isEqualTo(injected.get(i).breakDuration());
        }
    }

    @Test
    void streamsFromAPipeInAnyReadSizeAsFromAFile() throws Exception {
        Scte35Injector injector = new Scte35Injector(SETTINGS);
        ByteArrayOutputStream copied = new ByteArrayOutputStream();

        injector.copy(new Trickle(input, 1000), copied);

        assertThat(Arrays.mismatch(copied.toByteArray(), output)).as("first differing byte").isEqualTo(-1);
        assertThat(injector.injected()).isEqualTo(injected);
    }

    @Test
    void injectsIntoFfmpegStdoutLive() throws Exception {
        List<String> command = new ArrayList<>(FFMPEG);
        command.add("pipe:1");
        Process ffmpeg = new ProcessBuilder(command).redirectError(dir.resolve("live.log").toFile()).start();
        Scte35Injector injector = new Scte35Injector(SETTINGS);
        ByteArrayOutputStream live = new ByteArrayOutputStream();

        try (InputStream stdout = ffmpeg.getInputStream()) {
            injector.copy(stdout, live);
        }
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).as(Files.readString(dir.resolve("live.log"))).isZero();

        assertThat(injector.injected()).hasSize(3);
        TsAnalyzer analyzer = analyze(live.toByteArray());
        assertThat(analyzer.cues()).extracting(c -> ((SpliceInsert) c.splice().command()).eventId()).containsExactly(1000L, 1001L, 1002L);
        assertThat(analyzer.snapshot().totalCcErrors()).isZero();
    }

    @Test
    void leavesAPmtThatAlreadyAnnouncesTheCuesAlone() {
        byte[] twice = output.clone();
        new Scte35Injector(SETTINGS).process(twice, 0, twice.length);

        for (int at = 0; at < twice.length; at += TsPacket.SIZE) {
            if (TsPacket.pid(output, at) == PMT) {
                assertThat(Arrays.equals(output, at, at + TsPacket.SIZE, twice, at, at + TsPacket.SIZE)).isTrue();
            }
        }
        assertThat(analyze(twice).snapshot().streams()).hasSize(3);
    }

    @Test
    void refusesAPmtItCannotRewriteInPlace() {
        byte[] packets = input.clone();
        int pmtAt = -1;
        for (int at = 0; pmtAt < 0; at += TsPacket.SIZE) {
            pmtAt = TsPacket.pid(packets, at) == PMT ? at : -1;
        }
        packets[pmtAt + 7] = 0x30; // section_length 0x30: runs past what the packet holds after the pointer
        packets[pmtAt + 6] = (byte) 0xB1;

        assertThatThrownBy(() -> new Scte35Injector(SETTINGS).process(packets, 0, packets.length))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TsAnalyzer analyze(byte[] ts) {
        TsAnalyzer analyzer = new TsAnalyzer();
        for (int at = 0; at < ts.length; at += 7 * TsPacket.SIZE) {
            analyzer.accept(ts, at, Math.min(7 * TsPacket.SIZE, ts.length - at));
        }
        return analyzer;
    }

    private static long unsigned(byte[] b, int at, int bytes) {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | (b[at + i] & 0xFF);
        }
        return value;
    }

    /** Bytes of ffprobe's hexdump: "00000000: fc30 2500 ... 0000  .0%....." lines, 8 groups of 2 bytes. */
    private static byte[] hexDump(String dump) {
        StringBuilder hex = new StringBuilder();
        for (String line : dump.split("\n")) {
            if (line.length() > 10) {
                hex.append(line.substring(10, Math.min(line.length(), 50)).replace(" ", ""));
            }
        }
        return HexFormat.of().parseHex(hex.toString());
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        File log = dir.resolve("process-" + System.nanoTime() + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectError(log).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, Files.readString(log.toPath())).isZero();
        return out;
    }

    /** Hands out at most {@code max} bytes per read, cutting packets anywhere, as a pipe may. */
    private static final class Trickle extends InputStream {
        private final InputStream data;
        private final int max;

        Trickle(byte[] data, int max) {
            this.data = new ByteArrayInputStream(data);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            return data.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return data.read(b, off, Math.min(len, max));
        }
    }
}
