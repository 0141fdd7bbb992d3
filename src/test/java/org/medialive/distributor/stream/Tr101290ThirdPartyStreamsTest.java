package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The third-party SCTE-35 test streams (src/test/resources/scte35), read in one go (arrival-time
 * checks cannot fire): the frame rates their encoders wrote, and the PCR faults that are really
 * in them. TSDuck's stream is clean; FFmpeg's and GStreamer's default muxing puts PCRs 42 to 100 ms
 * apart (checked by hand with a PCR dump: every step of bbb5s is 41.7 or 83.3 ms), which TR 101 290
 * 2.3.a calls repetition errors; one 100.08 ms step in gst480i is past the 100 ms of 2.3.b.
 */
class Tr101290ThirdPartyStreamsTest {

    @Test
    void tsduckIsCleanAt25Fps() throws IOException {
        StreamInfo info = analyze("tsduck");
        assertThat(raised(info)).isEmpty();
        assertThat(info.activityByPid().get(256).frameRate()).isEqualTo(25.0);
    }

    @Test
    void bbb5sHas24FpsVideoAudioFramesAndPcrsTooFarApart() throws IOException {
        StreamInfo info = analyze("bbb5s");
        assertThat(raised(info)).containsOnly(Map.entry("pcr_repetition_error", 60L));
        assertThat(info.activityByPid().get(256).frameRate()).isEqualTo(24.0);
        assertThat(info.activityByPid().get(257).kind()).isEqualTo("audio");
        assertThat(info.activityByPid().get(257).carriesFrames()).isTrue();
    }

    @Test
    void gst480iIsNtscWithOnePcrStepPastTheJumpLimit() throws IOException {
        StreamInfo info = analyze("gst480i");
        assertThat(raised(info)).containsOnly(Map.entry("pcr_repetition_error", 14L), Map.entry("pcr_discontinuity_indicator_error", 1L));
        assertThat(info.activityByPid().get(256).frameRate()).isEqualTo(29.97);
    }

    private static StreamInfo analyze(String name) throws IOException {
        byte[] ts = SharedScte35Data.stream(name);
        TsAnalyzer analyzer = new TsAnalyzer(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), cue -> { });
        int end = ts.length / TsPacket.SIZE * TsPacket.SIZE;
        for (int at = 0; at < end; at += 7 * TsPacket.SIZE) {
            analyzer.accept(ts, at, Math.min(7 * TsPacket.SIZE, end - at));
        }
        return analyzer.snapshot();
    }

    private static Map<String, Long> raised(StreamInfo info) {
        Map<String, Long> raised = new TreeMap<>();
        info.tr101290().stream().filter(i -> i.count() > 0).forEach(i -> raised.put(i.indicator(), i.count()));
        return raised;
    }
}
