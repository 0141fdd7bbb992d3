package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Continuity-counter errors as the analyzer counts them per PID (ISO 13818-1 §2.4.3.3). */
class ContinuityCountingTest {

    private static final int VIDEO = 0x100;
    private static final int AUDIO = 0x101;
    private static final int PMT = 0x1000;
    private static final byte[] DATA = new byte[184];

    @Test
    void oneSkippedCounterIsOneErrorOnThatPidOnly() {
        TsBuilder ts = withTables();
        for (int i = 0; i < 40; i++) {
            ts.payload(VIDEO, false, DATA);
            if (i == 20) {
                ts.payloadWithCc(AUDIO, 7, false, DATA); // audio was due 4 (20 % 16): 7 skips three
            } else {
                ts.payload(AUDIO, false, DATA);
            }
            ts.nullPacket(i * 5 % 16); // the null PID's counter means nothing
        }
        StreamInfo info = analyze(ts.toByteArray());

        assertThat(info.ccErrorsByPid()).isEqualTo(Map.of(0, 0L, PMT, 0L, VIDEO, 0L, AUDIO, 1L));
        assertThat(info.totalCcErrors()).isEqualTo(1);
        assertThat(info.packetsByPid()).containsEntry(TsPacket.NULL_PID, 40L).containsEntry(AUDIO, 40L);
    }

    @Test
    void aPacketSentTwiceIsNotAnError() {
        byte[] ts = withTables().payload(VIDEO, false, DATA).payload(VIDEO, false, DATA).toByteArray();
        byte[] twice = SectionAssemblerTest.duplicate(ts, 3);

        StreamInfo info = analyze(twice);
        assertThat(info.packetsByPid()).containsEntry(VIDEO, 3L);
        assertThat(info.totalCcErrors()).isZero();
    }

    @Test
    void aPacketSentThreeTimesIsAnError() {
        byte[] ts = withTables().payload(VIDEO, false, DATA).payload(VIDEO, false, DATA).toByteArray();
        byte[] thrice = SectionAssemblerTest.duplicate(SectionAssemblerTest.duplicate(ts, 3), 3);

        assertThat(analyze(thrice).ccErrorsByPid()).containsEntry(VIDEO, 1L);
    }

    @Test
    void aSignalledDiscontinuityIsNotAnError() {
        TsBuilder ts = withTables().payload(VIDEO, false, DATA).payload(VIDEO, false, DATA);
        ts.payloadWithCc(VIDEO, 11, true, new byte[100]).payload(VIDEO, false, DATA);

        assertThat(analyze(ts.toByteArray()).totalCcErrors()).isZero();
    }

    @Test
    void packetsWithoutPayloadKeepTheCounter() {
        TsBuilder ts = withTables();
        for (int i = 0; i < 20; i++) {
            ts.payload(VIDEO, false, DATA).adaptationOnly(VIDEO).pcr(VIDEO, i * 3600L);
        }
        assertThat(analyze(ts.toByteArray()).totalCcErrors()).isZero();

        // a muxer that advances the counter on an adaptation-only packet breaks the rule
        byte[] bad = withTables().payload(VIDEO, false, DATA).raw(VIDEO, 1, false, false, null)
                .toByteArray();
        assertThat(analyze(bad).ccErrorsByPid()).containsEntry(VIDEO, 1L);
    }

    @Test
    void theFirstPacketOfAPidSetsTheBaseline() {
        TsBuilder ts = withTables().payloadWithCc(VIDEO, 9, false, DATA).payload(VIDEO, false, DATA);

        assertThat(analyze(ts.toByteArray()).totalCcErrors()).isZero();
    }

    @Test
    void aCorruptPacketIsCountedButNotJudged() {
        byte[] ts = withTables().payload(VIDEO, false, DATA).payload(VIDEO, false, DATA).toByteArray();
        ts[3 * TsPacket.SIZE + 1] |= (byte) 0x80; // transport_error_indicator: its header cannot be trusted
        ts[3 * TsPacket.SIZE + 3] = 0x1F;

        assertThat(analyze(ts).totalCcErrors()).isZero();
    }

    private static TsBuilder withTables() {
        return new TsBuilder().sections(0, Sections.pat(1, PMT))
                .sections(PMT, Sections.pmt(1, 0, VIDEO, new byte[0], new Sections.Es(0x1B, VIDEO), new Sections.Es(0x0F, AUDIO)));
    }

    private static StreamInfo analyze(byte[] ts) {
        TsAnalyzer analyzer = new TsAnalyzer();
        analyzer.accept(ts, 0, ts.length);
        return analyzer.snapshot();
    }
}
