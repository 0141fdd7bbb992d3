package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.stream.TestTsStream.Packet;

/**
 * Each TR 101 290 priority 1 and 2 fault injected into an otherwise clean stream raises exactly
 * its own indicator. The stream runs 8 s in 10 ms steps on a clock the test moves; faults hit
 * the span from 1 s to 2 s unless said otherwise.
 */
class Tr101290Test {

    private static final long START = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();

    /** What a fault does to one step's packets, and to the stream's clocks. */
    private record Fault(Function<List<Packet>, List<Packet>> packets, long pcrOffsetMillis, boolean audioPts, Set<String> unsent) {
        Fault(Function<List<Packet>, List<Packet>> packets, long pcrOffsetMillis, boolean audioPts) {
            this(packets, pcrOffsetMillis, audioPts, Set.of());
        }

        static Fault onPackets(Function<List<Packet>, List<Packet>> packets) {
            return new Fault(packets, 0, true);
        }

        static Fault unsent(String... kinds) {
            return new Fault(p -> p, 0, true, Set.of(kinds));
        }
    }

    private static final long DURATION = 8000;

    private static final Fault NONE = Fault.onPackets(p -> p);

    @Test
    void aCleanStreamRaisesNothingAndShowsFramesAndFrameRate() {
        TsAnalyzer analyzer = run(NONE, 0, 0);

        assertThat(raised(analyzer)).isEmpty();
        StreamInfo info = analyzer.snapshot();
        assertThat(info.tr101290()).hasSize(Indicator.values().length).allSatisfy(i -> assertThat(i.count()).isZero());
        assertThat(info.activityByPid()).containsOnlyKeys(TestTsStream.VIDEO, TestTsStream.AUDIO);
        assertThat(info.activityByPid().get(TestTsStream.VIDEO).frameRate()).isEqualTo(25.0);
        assertThat(info.activityByPid().get(TestTsStream.VIDEO).carriesFrames()).isTrue();
        assertThat(info.activityByPid().get(TestTsStream.AUDIO).carriesFrames()).isTrue();
        assertThat(info.activityByPid().get(TestTsStream.AUDIO).frameRate()).isNull();
        assertThat(info.activityByPid().get(TestTsStream.AUDIO).pes()).isEqualTo(DURATION / 20);
    }

    @Test
    void aSilentAudioPidNoLongerCarriesFrames() {
        TsAnalyzer analyzer = run(Fault.unsent("audio"), 2000, DURATION);

        StreamActivity audio = analyzer.snapshot().activityByPid().get(TestTsStream.AUDIO);
        assertThat(audio.carriesFrames()).isFalse();
        assertThat(audio.pes()).isEqualTo(100);
        assertThat(analyzer.snapshot().activityByPid().get(TestTsStream.VIDEO).carriesFrames()).isTrue();
    }

    @Test
    void aPidTheNewPmtNoLongerAnnouncesIsNeitherCheckedNorShown() {
        TsAnalyzer analyzer = run(NONE, 0, 0);
        byte[] withoutAudio = Sections.pmt(1, 1, TestTsStream.VIDEO, new byte[0], new Sections.Es(0x1B, TestTsStream.VIDEO));
        analyzer.accept(new TsBuilder().sections(TestTsStream.PMT, withoutAudio).toByteArray(), 0, TsPacket.SIZE);

        assertThat(analyzer.snapshot().activityByPid()).containsOnlyKeys(TestTsStream.VIDEO);
    }

    @Test
    void twoConsecutiveBadSyncBytesAreASyncLoss() {
        TsAnalyzer analyzer = run(NONE, 0, 0, 1000, analyzer1 -> analyzer1.unsynced(badSync(2), 0, 2 * TsPacket.SIZE));

        assertThat(raised(analyzer)).containsOnly(Map.entry(Indicator.TS_SYNC_LOSS, 1L), Map.entry(Indicator.SYNC_BYTE_ERROR, 2L));
    }

    @Test
    void oneBadSyncByteIsASyncByteError() {
        TsAnalyzer analyzer = run(NONE, 0, 0, 1000, a -> a.unsynced(badSync(1), 0, TsPacket.SIZE));

        assertThat(raised(analyzer)).containsOnly(Map.entry(Indicator.SYNC_BYTE_ERROR, 1L));
    }

    @Test
    void aPatCutForASecondIsAPatError() {
        assertThat(raised(run(Fault.unsent("pat"), 1000, 2000))).containsOnlyKeys(Indicator.PAT_ERROR);
    }

    @Test
    void aTableOtherThanThePatOnPid0IsAPatError() {
        byte[] notAPat = Sections.withCrc(new byte[] {0x02, (byte) 0xB0, 0, 0, 1, (byte) 0xC1, 0, 0});
        TsAnalyzer analyzer = run(NONE, 0, 0, 1000, a -> a.accept(new TsBuilder().sections(0, notAPat).toByteArray(), 0, TsPacket.SIZE));
        // the packet's counter is not the PAT stream's, so it breaks continuity too, as a real one would
        assertThat(raised(analyzer)).containsKey(Indicator.PAT_ERROR)
                .doesNotContainKeys(Indicator.PMT_ERROR, Indicator.CRC_ERROR, Indicator.PID_ERROR, Indicator.TS_SYNC_LOSS);
    }

    @Test
    void aPmtCutForASecondIsAPmtError() {
        assertThat(raised(run(Fault.unsent("pmt"), 1000, 2000))).containsOnlyKeys(Indicator.PMT_ERROR);
    }

    @Test
    void aLostVideoPacketIsAContinuityCountError() {
        assertThat(raised(run(Fault.onPackets(without("video-continued")), 1000, 1010)))
                .containsOnly(Map.entry(Indicator.CONTINUITY_COUNT_ERROR, 1L));
    }

    @Test
    void aReferredPidMissingForLongerThanItsIntervalIsAPidError() {
        assertThat(raised(run(Fault.unsent("data"), 1000, 7000)))
                .containsOnlyKeys(Indicator.PID_ERROR);
    }

    @Test
    void theTransportErrorBitIsATransportError() {
        assertThat(raised(run(Fault.onPackets(setBit("null", 1, 0x80)), 1000, 1010)))
                .containsOnly(Map.entry(Indicator.TRANSPORT_ERROR, 1L));
    }

    @Test
    void aCorruptedPatIsACrcError() {
        assertThat(raised(run(Fault.onPackets(setBit("pat", 14, 0x02)), 1000, 1010)))
                .containsOnly(Map.entry(Indicator.CRC_ERROR, 1L));
    }

    @Test
    void aCorruptedPmtIsACrcError() {
        assertThat(raised(run(Fault.onPackets(setBit("pmt", 20, 0x04)), 1000, 1010)))
                .containsOnly(Map.entry(Indicator.CRC_ERROR, 1L));
    }

    @Test
    void pcrsTooFarApartAreAPcrRepetitionError() {
        assertThat(raised(run(Fault.onPackets(without("pcr")), 1000, 1030)))
                .containsOnly(Map.entry(Indicator.PCR_REPETITION_ERROR, 1L));
    }

    @Test
    void aPcrJumpWithoutTheIndicatorIsAPcrDiscontinuityError() {
        assertThat(raised(run(new Fault(p -> p, 1000, true), 1000, DURATION)))
                .containsOnly(Map.entry(Indicator.PCR_DISCONTINUITY_INDICATOR_ERROR, 1L));
    }

    @Test
    void aPcrJumpSignalledByTheDiscontinuityIndicatorIsNoError() {
        Fault jump = new Fault(setBit("pcr", 5, 0x80), 1000, true);
        assertThat(raised(run(jump, 1000, 1010, 0, a -> { }, new Fault(p -> p, 1000, true), 1010))).isEmpty();
    }

    @Test
    void audioWithoutPtsForASecondIsAPtsError() {
        assertThat(raised(run(new Fault(p -> p, 0, false), 1000, 2000))).containsOnlyKeys(Indicator.PTS_ERROR);
    }

    @Test
    void aPatOrPmtSentScrambledIsAPatOrPmtError() {
        assertThat(raised(run(Fault.onPackets(setBit("pat", 3, 0x80)), 1000, 1010))).containsOnly(Map.entry(Indicator.PAT_ERROR, 1L));
        assertThat(raised(run(Fault.onPackets(setBit("pmt", 3, 0x80)), 1000, 1010))).containsOnly(Map.entry(Indicator.PMT_ERROR, 1L));
    }

    @Test
    void silenceIsALossOfSignalNotOfTables() {
        TsAnalyzer analyzer = run(Fault.unsent("all"), 1000, 3000);
        assertThat(raised(analyzer)).isEmpty();
    }

    @Test
    void allocatesNothingPerPacket() {
        TestTsStream stream = new TestTsStream();
        List<byte[]> steps = new ArrayList<>();
        for (long t = 0; t < DURATION; t += 10) {
            steps.add(TestTsStream.concat(stream.step(t, 0, true, Set.of())));
        }
        byte[][] all = steps.toArray(new byte[0][]); // indexed: an iterator per round would be the test's own allocation
        MovingClock clock = new MovingClock();
        TsAnalyzer analyzer = new TsAnalyzer(clock, cue -> { }, Tr101290Limits.STANDARD);
        long t = START;
        for (int round = 0; round < 20; round++) { // warm up: tables parsed, code compiled
            for (byte[] step : steps) {
                clock.millis = t += 10;
                analyzer.accept(step, 0, step.length);
            }
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        long packets = 0;
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < all.length; i++) {
                clock.millis = t += 10;
                analyzer.accept(all[i], 0, all[i].length);
                packets += all[i].length / TsPacket.SIZE;
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // each round starts the stream's PCR over: one jump back per round but the first, nothing else
        assertThat(raised(analyzer)).containsOnly(Map.entry(Indicator.PCR_DISCONTINUITY_INDICATOR_ERROR, 119L));
        assertThat(allocated).as("bytes allocated for %d packets", packets).isLessThan(packets / 100);
    }

    @Test
    void limitsRefuseAZeroIntervalAndAJumpBelowTheInterval() {
        java.time.Duration ms = java.time.Duration.ofMillis(100);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Tr101290Limits(java.time.Duration.ZERO, ms, ms, ms, ms, ms))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Tr101290Limits(ms, ms, ms, ms, java.time.Duration.ofMillis(10), ms))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jump");
    }

    private static TsAnalyzer run(Fault fault, long from, long to) {
        return run(fault, from, to, -1, a -> { });
    }

    private static TsAnalyzer run(Fault fault, long from, long to, long at, java.util.function.Consumer<TsAnalyzer> action) {
        return run(fault, from, to, at, action, NONE, Long.MAX_VALUE);
    }

    /** 4 s of stream; {@code fault} from {@code from} to {@code to}, then {@code after} from {@code afterFrom} on. */
    private static TsAnalyzer run(Fault fault, long from, long to, long at, java.util.function.Consumer<TsAnalyzer> action,
                                  Fault after, long afterFrom) {
        MovingClock clock = new MovingClock();
        TsAnalyzer analyzer = new TsAnalyzer(clock, cue -> { }, Tr101290Limits.STANDARD);
        TestTsStream stream = new TestTsStream();
        for (long t = 0; t < DURATION; t += 10) {
            clock.millis = START + t;
            Fault now = t >= from && t < to ? fault : t >= afterFrom ? after : NONE;
            List<Packet> packets = now.packets().apply(stream.step(t, now.pcrOffsetMillis(), now.audioPts(), now.unsent()));
            if (t == at) {
                action.accept(analyzer);
            }
            byte[] bytes = TestTsStream.concat(packets);
            if (bytes.length > 0) {
                analyzer.accept(bytes, 0, bytes.length);
            }
        }
        return analyzer;
    }

    private static Map<Indicator, Long> raised(TsAnalyzer analyzer) {
        Map<Indicator, Long> raised = new EnumMap<>(Indicator.class);
        for (Indicator i : Indicator.values()) {
            if (analyzer.count(i) > 0) {
                raised.put(i, analyzer.count(i));
            }
        }
        return raised;
    }

    private static Function<List<Packet>, List<Packet>> without(String kind) {
        return packets -> packets.stream().filter(p -> !p.kind().equals(kind)).toList();
    }

    private static Function<List<Packet>, List<Packet>> setBit(String kind, int offset, int mask) {
        return packets -> {
            List<Packet> changed = new ArrayList<>();
            for (Packet p : packets) {
                byte[] bytes = p.bytes().clone();
                if (p.kind().equals(kind)) {
                    bytes[offset] |= (byte) mask;
                }
                changed.add(new Packet(p.kind(), bytes));
            }
            return changed;
        };
    }

    private static byte[] badSync(int packets) {
        byte[] slots = new byte[packets * TsPacket.SIZE];
        for (int i = 0; i < packets; i++) {
            slots[i * TsPacket.SIZE] = 0x46;
            slots[i * TsPacket.SIZE + 1] = 0x1F;
            slots[i * TsPacket.SIZE + 2] = (byte) 0xFF;
        }
        return slots;
    }

    private static final class MovingClock extends Clock {
        long millis;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
