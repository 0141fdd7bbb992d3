package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SectionCounterTest {

    private static final int CUES = 500;
    private static final int OTHER = 501;
    private static final byte[] DATA = new byte[184];

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 21})
    void countsEveryValidSectionWhateverTheChunks(int packetsPerWrite) {
        TsBuilder builder = new TsBuilder();
        for (int i = 0; i < 25; i++) {
            builder.payload(0x100, false, DATA).sections(CUES, Sections.spliceInsert(i, i, 1, true, 0));
            builder.sections(OTHER, Sections.spliceNull()); // valid sections, but not on a watched PID
        }
        builder.sections(CUES, Sections.spliceNull(), Sections.spliceNull(), Sections.spliceNull());
        SectionCounter counter = new SectionCounter();
        counter.watch(List.of(CUES));

        write(counter, builder.toByteArray(), packetsPerWrite);

        assertThat(counter.sections()).isEqualTo(28);
    }

    @Test
    void doesNotCountADamagedOrCutSection() {
        byte[] damaged = Sections.spliceInsert(1, 1, 1, true, 0);
        damaged[15] ^= 0x01;
        byte[] ts = new TsBuilder().sections(CUES, damaged)
                .sections(CUES, Sections.spliceInsert(2, 2, 2, true, 0))
                .sections(CUES, Sections.withCrc(SectionAssemblerTest.section(3, 400))) // packets 2 to 4
                .sections(CUES, Sections.spliceNull()).toByteArray();
        byte[] cut = SectionAssemblerTest.remove(ts, 3);
        SectionCounter whole = new SectionCounter();
        whole.watch(List.of(CUES));
        SectionCounter counter = new SectionCounter();
        counter.watch(List.of(CUES));

        write(whole, ts, 7);
        write(counter, cut, 7);

        assertThat(whole.sections()).isEqualTo(3);
        assertThat(counter.sections()).isEqualTo(2); // the intact splice_insert and splice_null
    }

    @Test
    void followsAChangingSetOfPidsWithoutLosingASectionInProgress() {
        byte[] big = Sections.withCrc(SectionAssemblerTest.section(4, 500));
        byte[] ts = new TsBuilder().sections(CUES, big).toByteArray(); // 3 packets
        SectionCounter counter = new SectionCounter();

        counter.accept(ts, 0, TsPacket.SIZE); // not watched yet
        counter.watch(List.of(CUES));
        counter.accept(ts, 0, 2 * TsPacket.SIZE);
        counter.watch(List.of(OTHER, CUES)); // the section in progress on CUES survives
        counter.accept(ts, 2 * TsPacket.SIZE, TsPacket.SIZE);
        assertThat(counter.sections()).isEqualTo(1);

        counter.watch(List.of(OTHER));
        counter.accept(ts, 0, ts.length);
        assertThat(counter.sections()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tsduck", "ffmpeg", "gst480i", "bbb5s"})
    void countsEverySectionOfTheReferenceStreams(String name) throws IOException {
        Map<String, Long> expected = Map.of("tsduck", 10L, "ffmpeg", 5L, "gst480i", 5L, "bbb5s", 5L);
        assertThat(TsduckReference.sections(SharedScte35Data.tsduckDecode(name))).hasSize(expected.get(name).intValue());
        SectionCounter counter = new SectionCounter();
        counter.watch(List.of(0x21));

        write(counter, SharedScte35Data.stream(name), 7);

        assertThat(counter.sections()).isEqualTo(expected.get(name));
    }

    @Test
    void allocatesNothingPerPacket() {
        TsBuilder builder = new TsBuilder();
        for (int i = 0; i < 2000; i++) {
            builder.payload(0x100, false, DATA).nullPacket(0);
            if (i % 20 == 0) {
                builder.sections(CUES, Sections.spliceInsert(i, i, 1, true, 0));
            }
        }
        byte[] ts = builder.toByteArray();
        SectionCounter counter = new SectionCounter();
        counter.watch(List.of(CUES, OTHER));
        for (int r = 0; r < 20; r++) {
            write(counter, ts, 7);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int r = 0; r < 50; r++) {
            write(counter, ts, 7);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(counter.sections()).isEqualTo(70 * 100);
        assertThat(allocated).as("bytes allocated for %d packets", 50L * ts.length / TsPacket.SIZE).isLessThan(2_000);
    }

    private static void write(SectionCounter counter, byte[] ts, int packetsPerWrite) {
        int chunk = packetsPerWrite * TsPacket.SIZE;
        for (int at = 0; at < ts.length; at += chunk) {
            counter.accept(ts, at, Math.min(chunk, ts.length - at));
        }
    }
}
