package org.medialive.distributor.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InputWatchTest {

    private static final int PMT_PID = 480;

    @Test
    void fitOnlyWithRecentDataPatAndPmt() {
        InputWatch watch = new InputWatch();
        watch.reset(1000);
        assertThat(watch.problem(1100, 300)).isEqualTo("just opened");
        assertThat(watch.problem(1300, 300)).isEqualTo("no MPEG-TS received");
        watch.accept(packets(pes()), 0, 188, 1300, 300);
        assertThat(watch.problem(1300, 300)).as("not fit to take over").startsWith("no PAT");
        assertThat(watch.failure(1300, 300)).as("but not failed: its tables get a second").isNull();
        assertThat(watch.failure(2301, 300)).as("quiet since").startsWith("no MPEG-TS");
        watch.accept(packets(pat()), 0, 188, 1310, 300);
        assertThat(watch.problem(1310, 300)).startsWith("no PMT");
        watch.accept(packets(pmt()), 0, 188, 1320, 300);
        assertThat(watch.problem(1320, 300)).isNull();
        assertThat(watch.healthyMillis(1500, 300)).as("quiet for 180 ms: still fit").isEqualTo(180);
        watch.accept(packets(pes()), 0, 188, 1500, 300);
        assertThat(watch.healthyMillis(1500, 300)).isEqualTo(180);
        assertThat(watch.problem(1800, 300)).isEqualTo("no MPEG-TS for 300 ms");
        watch.accept(packets(pat(), pmt()), 0, 376, 2400, 300);
        assertThat(watch.problem(2400, 300)).isNull();
        assertThat(watch.healthyMillis(2400, 300)).as("the clock restarts after a gap").isZero();
        watch.accept(packets(pes()), 0, 188, 2600, 300);
        watch.accept(packets(pes()), 0, 188, 2800, 300);
        watch.accept(packets(pes()), 0, 188, 3000, 300);
        watch.accept(packets(pes()), 0, 188, 3200, 300);
        watch.accept(packets(pes()), 0, 188, 3401, 300);
        assertThat(watch.failure(3401, 300)).startsWith("no PAT");
    }

    @Test
    void aSyncLossMakesTheInputUnfitForASecond() {
        InputWatch watch = new InputWatch();
        watch.reset(0);
        watch.accept(packets(pat(), pmt()), 0, 376, 10, 300);
        byte[] lost = packets(pes());
        lost[0] = 0x12;
        watch.accept(lost, 0, 188, 20, 300);
        assertThat(watch.problem(20, 300)).isEqualTo("TS sync loss");
        watch.accept(packets(pat(), pmt()), 0, 376, 1021, 300);
        assertThat(watch.problem(1021, 300)).isNull();
    }

    static byte[] packets(byte[]... packets) {
        byte[] all = new byte[packets.length * 188];
        for (int i = 0; i < packets.length; i++) {
            System.arraycopy(packets[i], 0, all, i * 188, 188);
        }
        return all;
    }

    static byte[] pat() {
        byte[] p = header(0, true);
        int s = 5; // pointer field 0 at 4
        byte[] section = {0x00, (byte) 0xB0, 13, 0x00, 0x01, (byte) 0xC1, 0, 0, 0x00, 0x01, (byte) (0xE0 | PMT_PID >> 8), (byte) PMT_PID, 0, 0, 0, 0};
        System.arraycopy(section, 0, p, s, section.length);
        return p;
    }

    static byte[] pmt() {
        byte[] p = header(PMT_PID, true);
        p[5] = 0x02;
        return p;
    }

    static byte[] pes() {
        return header(481, true);
    }

    private static byte[] header(int pid, boolean unitStart) {
        byte[] p = new byte[188];
        java.util.Arrays.fill(p, (byte) 0xFF);
        p[0] = 0x47;
        p[1] = (byte) ((unitStart ? 0x40 : 0) | pid >> 8);
        p[2] = (byte) pid;
        p[3] = 0x10;
        p[4] = 0;
        return p;
    }
}
