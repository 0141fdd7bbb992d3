package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.stream.Sections.Es;
import org.medialive.distributor.stream.SpliceCommand.SpliceInsert;

class TsAnalyzerTest {

    private static final int PMT = 480;
    private static final int VIDEO = 481;
    private static final int CUES = 500;
    private static final byte[] DATA = new byte[184];
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void namesProgramsAndStreamsFromThePmt() {
        byte[] pmt = Sections.pmt(1, 0, VIDEO, Sections.descriptor(0x05, Sections.ascii("CUEI")),
                new Es(0x1B, VIDEO),
                new Es(0x0F, 482, Sections.descriptor(0x0A, new byte[] {'e', 'n', 'g', 0})),
                new Es(0x06, 483, Sections.concat(Sections.descriptor(0x6A, new byte[0]),
                        Sections.descriptor(0x0A, new byte[] {'f', 'r', 'a', 0}))),
                new Es(0x06, 484, Sections.descriptor(0x7A, new byte[] {0})),
                new Es(0x06, 485, Sections.descriptor(0x56, new byte[] {'d', 'e', 'u', 0x09, 0x00})),
                new Es(0x06, 486, Sections.descriptor(0x59, new byte[] {'n', 'l', 'd', 0x10, 0, 1, 0, 1})),
                new Es(0x06, 487, Sections.descriptor(0x05, Sections.ascii("Opus"))),
                new Es(0x24, 488), new Es(0x11, 489), new Es(0x03, 490), new Es(0x04, 491),
                new Es(0x81, 492), new Es(0x87, 493), new Es(0x42, 494), new Es(0x86, CUES));
        byte[] ts = new TsBuilder().sections(0, Sections.pat(1, PMT)).sections(PMT, pmt).pcr(VIDEO, 0).toByteArray();

        StreamInfo info = analyze(ts);

        assertThat(info.programs()).singleElement().satisfies(p -> {
            assertThat(p.number()).isEqualTo(1);
            assertThat(p.pmtPid()).isEqualTo(PMT);
            assertThat(p.registrations()).containsExactly("CUEI");
        });
        assertThat(info.streams()).extracting(ElementaryStream::pid, ElementaryStream::codec, ElementaryStream::language)
                .containsExactly(
                        tuple(VIDEO, "H.264", null),
                        tuple(482, "AAC", "eng"),
                        tuple(483, "AC-3", "fra"),
                        tuple(484, "E-AC-3", null),
                        tuple(485, "teletext", "deu"),
                        tuple(486, "DVB subtitles", "nld"),
                        tuple(487, "Opus", null),
                        tuple(488, "HEVC", null),
                        tuple(489, "AAC-LATM", null),
                        tuple(490, "MPEG audio", null),
                        tuple(491, "MPEG audio", null),
                        tuple(492, "AC-3", null),
                        tuple(493, "E-AC-3", null),
                        tuple(494, "unknown (0x42)", null),
                        tuple(CUES, "SCTE-35", null));
        assertThat(info.streams().get(6).registration()).isEqualTo("Opus");
        assertThat(info.pcrPid()).isEqualTo(VIDEO);
        assertThat(info.pcrPresent()).isTrue();
        assertThat(info.scte35Pids()).containsExactly(CUES);
    }

    @Test
    void reportsAPcrPidThatCarriesNoPcr() {
        byte[] ts = tables(new Es(0x1B, VIDEO)).payload(VIDEO, true, DATA).toByteArray();

        StreamInfo info = analyze(ts);
        assertThat(info.pcrPid()).isEqualTo(VIDEO);
        assertThat(info.pcrPresent()).isFalse();
    }

    @Test
    void turnsEachSpliceInsertIntoACueWithItsIdsTimesAndDurations() {
        int count = 12;
        List<byte[]> sections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sections.add(Sections.spliceInsert(1000 + i, 900_000L * i + 12345, 90_000L * (i + 1), i % 2 == 0, 1_000));
        }
        TsBuilder builder = tables(new Es(0x1B, VIDEO), new Es(0x86, CUES));
        // some sections alone, some packed together so that they share and span packets
        builder.sections(CUES, sections.get(0)).sections(CUES, sections.subList(1, 6).toArray(byte[][]::new));
        for (int i = 6; i < count; i++) {
            builder.payload(VIDEO, false, DATA).sections(CUES, sections.get(i));
        }
        List<Cue> heard = new CopyOnWriteArrayList<>();
        TsAnalyzer analyzer = new TsAnalyzer(CLOCK, heard::add);
        byte[] ts = builder.toByteArray();
        for (int at = 0; at < ts.length; at += 7 * TsPacket.SIZE) {
            analyzer.accept(ts, at, Math.min(7 * TsPacket.SIZE, ts.length - at));
        }

        List<Cue> cues = analyzer.cues();
        assertThat(cues).hasSize(count);
        for (int i = 0; i < count; i++) {
            SpliceInsert insert = (SpliceInsert) cues.get(i).splice().command();
            assertThat(insert.eventId()).isEqualTo(1000 + i);
            assertThat(insert.spliceTime().pts()).isEqualTo(900_000L * i + 12345);
            assertThat(insert.spliceTime().adjustedPts()).isEqualTo(900_000L * i + 13345);
            assertThat(insert.breakDuration().duration()).isEqualTo(90_000L * (i + 1));
            assertThat(insert.breakDuration().autoReturn()).isEqualTo(i % 2 == 0);
            assertThat(cues.get(i).pid()).isEqualTo(CUES);
            assertThat(cues.get(i).receivedMillis()).isEqualTo(CLOCK.millis());
        }
        assertThat(heard).containsExactlyElementsOf(cues);
        assertThat(analyzer.cuesSeen()).isEqualTo(count);
        assertThat(analyzer.snapshot().cuesSeen()).isEqualTo(count);
    }

    @Test
    void keepsTheLastHundredCuesAndCountsThemAll() {
        TsBuilder builder = tables(new Es(0x86, CUES));
        for (int i = 0; i < 130; i++) {
            builder.sections(CUES, Sections.spliceInsert(i, i, 1, true, 0));
        }
        TsAnalyzer analyzer = new TsAnalyzer();
        byte[] ts = builder.toByteArray();
        analyzer.accept(ts, 0, ts.length);

        assertThat(analyzer.cues()).hasSize(100);
        assertThat(((SpliceInsert) analyzer.cues().get(0).splice().command()).eventId()).isEqualTo(30);
        assertThat(((SpliceInsert) analyzer.cues().get(99).splice().command()).eventId()).isEqualTo(129);
        assertThat(analyzer.cuesSeen()).isEqualTo(130);
    }

    @Test
    void countsBrokenSectionsInsteadOfFailing() {
        byte[] badCrc = Sections.spliceInsert(1, 1, 1, true, 0);
        badCrc[10] ^= 0x55;
        byte[] lyingLength = Sections.spliceInsert(2, 1, 1, true, 0);
        lyingLength[12] = 90; // command length beyond the section, CRC recomputed so only the syntax is wrong
        lyingLength = Sections.withCrc(Arrays.copyOf(lyingLength, lyingLength.length - 4));
        byte[] tooShort = Sections.withCrc(new byte[] {(byte) 0xFC, 0x30, 0, 0, 0});
        byte[] brokenPmt = Sections.pmt(1, 1, VIDEO, new byte[0], new Es(0x1B, VIDEO), new Es(0x86, CUES));
        brokenPmt[brokenPmt.length - 1] ^= 1;
        byte[] ts = tables(new Es(0x1B, VIDEO), new Es(0x86, CUES))
                .sections(CUES, badCrc, lyingLength, tooShort, Sections.spliceNull())
                .sections(PMT, brokenPmt).toByteArray();
        List<Cue> heard = new ArrayList<>();
        TsAnalyzer analyzer = new TsAnalyzer(CLOCK, heard::add);

        analyzer.accept(ts, 0, ts.length);

        assertThat(analyzer.snapshot().invalidSections()).isEqualTo(4);
        assertThat(analyzer.cues()).singleElement().satisfies(c -> assertThat(c.splice().command())
                .isInstanceOf(SpliceCommand.SpliceNull.class));
        assertThat(heard).hasSize(1);
        assertThat(analyzer.snapshot().streams()).hasSize(2); // the broken PMT changed nothing
    }

    @Test
    void followsAPmtChangedWithoutNewVersionAndKeepsCuePidsWatched() {
        byte[] plain = Sections.pmt(1, 0, VIDEO, new byte[0], new Es(0x1B, VIDEO));
        byte[] withCues = Sections.pmt(1, 0, VIDEO, new byte[0], new Es(0x1B, VIDEO), new Es(0x86, CUES));
        TsAnalyzer analyzer = new TsAnalyzer();
        feed(analyzer, new TsBuilder().sections(0, Sections.pat(1, PMT)).sections(PMT, plain).toByteArray());
        assertThat(analyzer.scte35Pids()).isEmpty();

        TsBuilder builder = new TsBuilder().sections(0, Sections.pat(1, PMT)).sections(PMT, plain, withCues, plain);
        builder.sections(CUES, Sections.spliceNull());
        feed(analyzer, builder.toByteArray());

        StreamInfo info = analyzer.snapshot();
        assertThat(info.streams()).extracting(ElementaryStream::pid).containsExactly(VIDEO); // the latest PMT
        assertThat(info.scte35Pids()).containsExactly(CUES); // still watched
        assertThat(analyzer.cuesSeen()).isEqualTo(1);

        byte[] reassigned = Sections.pmt(1, 1, VIDEO, new byte[0], new Es(0x1B, VIDEO), new Es(0x06, CUES));
        feed(analyzer, new TsBuilder().sections(PMT, reassigned).sections(CUES, Sections.spliceNull()).toByteArray());
        assertThat(analyzer.scte35Pids()).isEmpty();
    }

    @Test
    void snapshotsStayConsistentWhilePacketsArrive() throws Exception {
        TsBuilder builder = tables(new Es(0x1B, VIDEO), new Es(0x86, CUES));
        for (int i = 0; i < 700; i++) {
            builder.payload(VIDEO, false, DATA).nullPacket(0);
        }
        byte[] ts = builder.toByteArray();
        TsAnalyzer analyzer = new TsAnalyzer();
        int rounds = 300;
        AtomicBoolean done = new AtomicBoolean();
        Thread receiver = new Thread(() -> {
            for (int r = 0; r < rounds; r++) {
                for (int at = 0; at < ts.length; at += 7 * TsPacket.SIZE) {
                    analyzer.accept(ts, at, Math.min(7 * TsPacket.SIZE, ts.length - at));
                }
            }
            done.set(true);
        });
        receiver.start();
        int snapshots = 0;
        while (!done.get() || snapshots == 0) {
            StreamInfo info = analyzer.snapshot();
            assertThat(info.packetsByPid().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(info.packets());
            assertThat(info.ccErrorsByPid().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(info.totalCcErrors());
            snapshots++;
        }
        receiver.join();

        StreamInfo last = analyzer.snapshot();
        assertThat(last.packets()).isEqualTo((long) rounds * ts.length / TsPacket.SIZE);
        // each round restarts every counter: one error per PID and round, but the first
        assertThat(last.ccErrorsByPid()).containsEntry(VIDEO, (long) rounds - 1);
    }

    @Test
    void allocatesNothingPerPacketOnceTheTablesAreKnown() {
        TsBuilder builder = tables(new Es(0x1B, VIDEO), new Es(0x0F, 482), new Es(0x86, CUES));
        byte[] pat = Sections.pat(1, PMT);
        byte[] pmt = Sections.pmt(1, 0, VIDEO, new byte[0], new Es(0x1B, VIDEO), new Es(0x0F, 482), new Es(0x86, CUES));
        for (int i = 0; i < 1000; i++) {
            builder.payload(VIDEO, i % 10 == 0, DATA).payload(482, false, DATA).pcr(VIDEO, i).nullPacket(0);
            if (i % 50 == 0) {
                builder.sections(0, pat).sections(PMT, pmt);
            }
        }
        byte[] ts = builder.toByteArray();
        TsAnalyzer analyzer = new TsAnalyzer();
        for (int r = 0; r < 20; r++) { // warm up: tables parsed, code compiled
            feed(analyzer, ts);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int rounds = 50;
        for (int r = 0; r < rounds; r++) {
            feed(analyzer, ts);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long packets = (long) rounds * ts.length / TsPacket.SIZE;

        assertThat(packets).isGreaterThan(200_000);
        assertThat(allocated).as("bytes allocated for %d packets", packets).isLessThan(packets / 100);
    }

    private static TsBuilder tables(Es... streams) {
        return new TsBuilder().sections(0, Sections.pat(1, PMT)).sections(PMT, Sections.pmt(1, 0, VIDEO, new byte[0], streams));
    }

    private static StreamInfo analyze(byte[] ts) {
        TsAnalyzer analyzer = new TsAnalyzer();
        feed(analyzer, ts);
        return analyzer.snapshot();
    }

    private static void feed(TsAnalyzer analyzer, byte[] ts) {
        for (int at = 0; at < ts.length; at += 7 * TsPacket.SIZE) {
            analyzer.accept(ts, at, Math.min(7 * TsPacket.SIZE, ts.length - at));
        }
    }
}
