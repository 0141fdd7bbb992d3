package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decoder against TSDuck's decode of every section of the third-party streams in src/test/resources/scte35. */
class Scte35ReferenceTest {

    /** Sections TSDuck decoded in each file; a changed data set must be looked at, not silently accepted. */
    private static final Map<String, Integer> SECTIONS = Map.of("tsduck", 10, "ffmpeg", 5, "gst480i", 5, "bbb5s", 5);

    @ParameterizedTest
    @ValueSource(strings = {"tsduck", "ffmpeg", "gst480i", "bbb5s"})
    void decodesEverySectionAsTsduckDoes(String name) throws IOException {
        List<List<String>> reference = TsduckReference.sections(SharedScte35Data.tsduckDecode(name));
        assertThat(reference).hasSize(SECTIONS.get(name));
        byte[] ts = SharedScte35Data.stream(name);

        TsAnalyzer analyzer = new TsAnalyzer();
        analyzer.accept(ts, 0, ts.length);

        List<Cue> cues = analyzer.cues();
        assertThat(cues).hasSize(reference.size());
        for (int i = 0; i < cues.size(); i++) {
            TsduckReference.assertMatches(reference.get(i), cues.get(i));
        }
        assertThat(analyzer.cuesSeen()).isEqualTo(reference.size());
        assertThat(analyzer.snapshot().invalidSections()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tsduck", "ffmpeg", "gst480i", "bbb5s"})
    void decodesTheSameWhateverTheDatagramSize(String name) throws IOException {
        byte[] ts = SharedScte35Data.stream(name);
        List<SpliceInfo> whole = splices(ts, ts.length / TsPacket.SIZE);
        assertThat(whole).hasSize(SECTIONS.get(name));
        for (int packetsPerCall : new int[] {1, 2, 3, 7, 21}) {
            assertThat(splices(ts, packetsPerCall)).as("%d packets per call", packetsPerCall).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tsduck", "ffmpeg", "gst480i", "bbb5s"})
    void findsTheStreamsFfprobeFinds(String name) throws Exception {
        byte[] ts = SharedScte35Data.stream(name);
        TsAnalyzer analyzer = new TsAnalyzer();
        analyzer.accept(ts, 0, ts.length);
        StreamInfo info = analyzer.snapshot();
        Map<Integer, String> ours = new TreeMap<>();
        info.streams().forEach(s -> ours.put(s.pid(), s.codec()));
        info.scte35Pids().forEach(pid -> ours.put(pid, "SCTE-35"));

        assertThat(ours).isEqualTo(ffprobeStreams(SharedScte35Data.streamPath(name)));
        assertThat(info.scte35Pids()).containsExactly(0x21);
        assertThat(info.totalCcErrors()).isZero();
        assertThat(info.pcrPresent()).isTrue();
    }

    /** PID to codec as FFmpeg's demuxer sees the file, in this analyzer's codec names. */
    private static Map<Integer, String> ffprobeStreams(Path file) throws Exception {
        Process ffprobe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=id,codec_name",
                "-of", "compact=p=0", file.toString()).redirectErrorStream(true).start();
        String output = new String(ffprobe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ffprobe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffprobe.exitValue()).as(output).isZero();
        Map<String, String> names = Map.of("h264", "H.264", "hevc", "HEVC", "aac", "AAC", "opus", "Opus", "scte_35", "SCTE-35");
        Map<Integer, String> streams = new TreeMap<>();
        for (String line : output.strip().split("\\R")) {
            if (line.isBlank()) {
                continue; // ffprobe lists the streams once per program and once overall
            }
            Map<String, String> fields = new TreeMap<>();
            for (String pair : line.split("\\|")) {
                String[] kv = pair.split("=", 2);
                fields.put(kv[0], kv[1]);
            }
            streams.put(Integer.decode(fields.get("id")), names.getOrDefault(fields.get("codec_name"), fields.get("codec_name")));
        }
        return streams;
    }

    private static List<SpliceInfo> splices(byte[] ts, int packetsPerCall) {
        TsAnalyzer analyzer = new TsAnalyzer();
        int chunk = packetsPerCall * TsPacket.SIZE;
        for (int at = 0; at < ts.length; at += chunk) {
            analyzer.accept(ts, at, Math.min(chunk, ts.length - at));
        }
        return analyzer.cues().stream().map(Cue::splice).toList();
    }
}
