package org.medialive.distributor.ingest;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RtpReorderBufferTest {

    private final List<Integer> delivered = new ArrayList<>();
    private final RtpReorderBuffer buffer = new RtpReorderBuffer(8, (data, offset, length) -> delivered.add((int) data[0]));

    private void send(int... sequences) {
        for (int sequence : sequences) {
            buffer.accept(sequence & 0xFFFF, 7, new byte[] {(byte) sequence}, 0, 1);
        }
    }

    @Test
    void inOrderPassesStraightThrough() {
        send(1, 2, 3, 4);
        assertThat(delivered).containsExactly(1, 2, 3, 4);
        assertThat(buffer.lost + buffer.reordered + buffer.duplicate + buffer.late).isZero();
    }

    @Test
    void swappedPacketsAreRestoredAndCounted() {
        send(1, 2, 4, 3, 5, 7, 6, 8, 10, 9);
        assertThat(delivered).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(buffer.reordered).isEqualTo(3);
        assertThat(buffer.lost).isZero();
    }

    @Test
    void aGapTheWindowGivesUpOnIsLost() {
        send(1, 2);
        send(8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        assertThat(buffer.lost).isEqualTo(5);
        assertThat(delivered).containsExactly(1, 2, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
    }

    @Test
    void flushDeliversWhatIsHeldWhenTheInputGoesQuiet() {
        send(1, 3, 4);
        assertThat(delivered).containsExactly(1);
        buffer.flush();
        assertThat(delivered).containsExactly(1, 3, 4);
        assertThat(buffer.lost).isEqualTo(1);
    }

    @Test
    void duplicatesAreDroppedAndCounted() {
        send(1, 2, 2, 3, 5, 5, 4);
        assertThat(delivered).containsExactly(1, 2, 3, 4, 5);
        assertThat(buffer.duplicate).isEqualTo(2);
    }

    @Test
    void aPacketArrivingAfterItsGapWasGivenUpIsLate() {
        send(1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2);
        assertThat(buffer.lost).isEqualTo(1);
        assertThat(buffer.late).isEqualTo(1);
        assertThat(delivered).doesNotContain(2);
    }

    @Test
    void sequenceWrapIsNotLoss() {
        send(65533, 65534, 65535, 0, 2, 1, 3);
        assertThat(delivered).containsExactly(-3, -2, -1, 0, 1, 2, 3);
        assertThat(buffer.lost).isZero();
        assertThat(buffer.reordered).isEqualTo(1);
    }

    @Test
    void aLargeJumpIsASenderRestartNotLoss() {
        send(100, 101, 40000, 40001);
        assertThat(buffer.lost).isZero();
        assertThat(buffer.restarts).isEqualTo(1);
        assertThat(delivered).hasSize(4);
    }

    @Test
    void aNewSsrcStartsOverOnceASecondDatagramConfirmsIt() {
        send(10, 11);
        buffer.accept(500, 8, new byte[] {1}, 0, 1);
        assertThat(delivered).as("the new source is on probation").hasSize(2);
        buffer.accept(501, 8, new byte[] {2}, 0, 1);
        assertThat(buffer.lost).isZero();
        assertThat(buffer.restarts).isEqualTo(1);
        assertThat(delivered).containsExactly(10, 11, 1, 2);
    }

    /** The freeze of issue 28: loss, restart with a new SSRC while packets are held, loss again, quiet. */
    @Test
    void aRestartWhilePacketsAreHeldDeliversTheOldOnesFirstAndFlushReturns() {
        send(1, 2, 4, 5); // 3 lost: 4 and 5 held
        buffer.accept(40000, 9, new byte[] {100}, 0, 1);
        buffer.accept(40001, 9, new byte[] {101}, 0, 1);
        buffer.accept(40003, 9, new byte[] {103}, 0, 1); // 40002 lost: 40003 held
        buffer.flush();
        assertThat(delivered).containsExactly(1, 2, 4, 5, 100, 101, 103);
        assertThat(buffer.lost).isEqualTo(2);
        assertThat(buffer.restarts).isEqualTo(1);
        assertThat(buffer.held()).isZero().isEqualTo(buffer.occupiedSlots());
    }

    @Test
    void aLoneStrayDatagramFarBehindIsDroppedNotARestart() {
        send(500, 501, 502, 350, 503, 504);
        buffer.flush();
        assertThat(delivered).containsExactly(-12, -11, -10, -9, -8);
        assertThat(buffer.dropped).isEqualTo(1);
        assertThat(buffer.restarts).isZero();
        assertThat(buffer.lost).isZero();
    }

    @Test
    void aLoneDatagramOfAnotherSsrcIsDropped() {
        send(1, 2);
        buffer.accept(9000, 99, new byte[] {50}, 0, 1);
        send(3, 4);
        assertThat(delivered).containsExactly(1, 2, 3, 4);
        assertThat(buffer.dropped).isEqualTo(1);
        assertThat(buffer.restarts).isZero();
    }

    @Test
    void restartsAreTold() {
        List<long[]> told = new ArrayList<>();
        RtpReorderBuffer restarting = new RtpReorderBuffer(8, (data, offset, length) -> { },
                (previous, ssrc, first) -> told.add(new long[] {previous, ssrc, first}));
        restarting.accept(1, 7, new byte[1], 0, 1);
        restarting.accept(2, 7, new byte[1], 0, 1);
        restarting.accept(600, 8, new byte[1], 0, 1);
        restarting.accept(601, 8, new byte[1], 0, 1);
        assertThat(told).singleElement().satisfies(t -> assertThat(t).containsExactly(7, 8, 600));
    }
}
