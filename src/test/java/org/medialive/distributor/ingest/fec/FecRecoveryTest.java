package org.medialive.distributor.ingest.fec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.ingest.ChannelReceiver;
import org.medialive.distributor.ingest.SourceFilter;

/** SMPTE 2022-1 recovery through a channel's receiver, against matrices built by hand. */
class FecRecoveryTest {

    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
    private static final long SSRC = 0x11223344L;

    private final List<byte[]> delivered = new ArrayList<>();
    private final ChannelReceiver receiver = new ChannelReceiver(SourceFilter.ANY, 8,
            (data, offset, length) -> delivered.add(Arrays.copyOfRange(data, offset, offset + length)), new FecDecoder());

    @Test
    void aLostPacketIsRebuiltFromItsColumn() {
        List<byte[]> sent = stream(SSRC, 1000, 5, 10, 3, Set.of(1000 + 50 + 17), false);
        assertDeliveredInOrder(sent, Set.of());
        assertThat(receiver.counters().rtpLost()).isZero();
        assertThat(receiver.fecCounters().recovered()).isEqualTo(1);
        assertThat(receiver.fecCounters().columns()).isEqualTo(5);
        assertThat(receiver.fecCounters().rows()).isEqualTo(10);
        assertThat(receiver.fecCounters().windowPackets()).isEqualTo(100);
    }

    @Test
    void aBurstOfLPacketsIsRebuiltOneColumnEach() {
        Set<Integer> lost = Set.of(1050 + 20, 1050 + 21, 1050 + 22, 1050 + 23, 1050 + 24);
        List<byte[]> sent = stream(SSRC, 1000, 5, 10, 3, lost, false);
        assertDeliveredInOrder(sent, Set.of());
        assertThat(receiver.fecCounters().recovered()).isEqualTo(5);
    }

    @Test
    void rowsAndColumnsTakeTurnsUntilNothingMoreComesBack() {
        // (r2,c0), (r2,c1), (r3,c0): column 0 and row 2 miss two each; column 1 rebuilds (r2,c1),
        // then row 2 rebuilds (r2,c0), then column 0 rebuilds (r3,c0)
        int base = 1050;
        Set<Integer> lost = Set.of(base + 10, base + 11, base + 15);
        List<byte[]> sent = stream(SSRC, 1000, 5, 10, 3, lost, true);
        assertDeliveredInOrder(sent, Set.of());
        assertThat(receiver.fecCounters().recovered()).isEqualTo(3);
        assertThat(receiver.counters().rtpLost()).isZero();
    }

    @Test
    void tooManyLossesAreCountedLostAndNothingWrongIsDelivered() {
        // a 2 x 2 square: every row and column through it misses two packets
        int base = 1050;
        Set<Integer> lost = Set.of(base + 10, base + 11, base + 15, base + 16);
        List<byte[]> sent = stream(SSRC, 1000, 5, 10, 3, lost, true);
        assertDeliveredInOrder(sent, lost);
        assertThat(receiver.counters().rtpLost()).isEqualTo(4);
        assertThat(receiver.fecCounters().recovered()).isZero();
    }

    @Test
    void aMatrixAcrossTheSequenceWrapIsRecovered() {
        int first = 65536 - 75; // the second matrix holds 65511..65535 and 0..24
        Set<Integer> lost = Set.of(65535, 0, (65536 - 25 + 3) & 0xFFFF, 7);
        List<byte[]> sent = stream(SSRC, first, 5, 10, 3, lost, true);
        assertDeliveredInOrder(sent, Set.of());
        assertThat(receiver.fecCounters().recovered()).isEqualTo(4);
    }

    @Test
    void packetsOfDifferentLengthsAreRebuiltToTheirOwnLength() {
        List<byte[]> matrix0 = new ArrayList<>();
        List<byte[]> matrix1 = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            matrix0.add(FecTestEncoder.media(SSRC, 200 + i, 7));
            matrix1.add(FecTestEncoder.media(SSRC, 216 + i, i % 3 == 0 ? 2 : 7));
        }
        sendMatrix(matrix0, 200, 4, 4, Set.of(), false);
        sendMatrix(matrix1, 216, 4, 4, Set.of(216 + 6, 216 + 9), false);
        List<byte[]> all = new ArrayList<>(matrix0);
        all.addAll(matrix1);
        for (int i = 0; i < 40; i++) {
            byte[] more = FecTestEncoder.media(SSRC, 232 + i, 7);
            all.add(more);
            receiver.receive(more, more.length);
        }
        receiver.flushHeld();
        assertDeliveredInOrder(all, Set.of());
        assertThat(delivered.get(16 + 9)).hasSize(2 * 188);
    }

    @Test
    void aMatrixThatSpansASenderRestartNeverMixesTheTwoStreams() {
        long other = 0x55667788L;
        // stream A: a full matrix and 23 packets of the next, one lost that the row FEC rebuilds
        List<byte[]> a = new ArrayList<>();
        for (int i = 0; i < 73; i++) {
            a.add(FecTestEncoder.media(SSRC, 100 + i, 7));
        }
        sendMatrix(a.subList(0, 50), 100, 5, 10, Set.of(), false);
        List<byte[]> partial = a.subList(50, 73);
        for (byte[] p : partial) {
            if (seq(p) != 156) {
                receiver.receive(p, p.length);
            }
        }
        List<byte[]> rowsA = FecTestEncoder.rows(padded(partial, 50), 150, 5, 10);
        fec(rowsA.get(0));
        fec(rowsA.get(1));
        // stream B restarts with numbers inside A's matrix; A's column FEC for it still arrives afterwards
        List<byte[]> b = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            b.add(FecTestEncoder.media(other, 160 + i, 7));
        }
        Set<Integer> lostB = Set.of(160 + 3, 160 + 50 + 12);
        sendMatrix(b.subList(0, 50), 160, 5, 10, lostB, false, () -> FecTestEncoder.columns(padded(partial, 50), 150, 5, 10).forEach(this::fec));
        sendMatrix(b.subList(50, 100), 210, 5, 10, lostB, false);
        sendMatrix(b.subList(100, 150), 260, 5, 10, Set.of(), false);
        receiver.flushHeld();

        List<byte[]> expected = new ArrayList<>(a);
        expected.addAll(b);
        // B's first two packets confirm the restart; 163 had no FEC of B's before B's own column packets: B's matrix rebuilds it
        assertDeliveredInOrder(expected, Set.of());
        assertThat(receiver.counters().senderRestarts()).isEqualTo(1);
        assertThat(receiver.fecCounters().recovered()).isEqualTo(3);
    }

    @Test
    void malformedFecIsCountedAndTheMediaIsUntouched() {
        byte[] junk = new byte[40];
        Arrays.fill(junk, (byte) 0x47);
        fec(junk);
        byte[] mediaOnFecPort = FecTestEncoder.media(SSRC, 1, 7);
        fec(mediaOnFecPort);
        byte[] tooBig = FecTestEncoder.fec(List.of(FecTestEncoder.media(SSRC, 1, 7)), 1, false, 30, 30, 0);
        fec(tooBig);
        fec(new byte[3]);
        List<byte[]> sent = stream(SSRC, 1000, 5, 10, 2, Set.of(), false);
        assertDeliveredInOrder(sent, Set.of());
        assertThat(receiver.fecCounters().malformed()).isEqualTo(4);
        assertThat(receiver.fecCounters().lastMalformed()).isEqualTo("FEC datagram shorter than its RTP and FEC headers");
        assertThat(receiver.counters().malformed()).isZero();
    }

    /**
     * Sends {@code matrices} matrices of L x D packets from {@code first}, dropping {@code lost};
     * each row's FEC follows its row, the columns follow the matrix (the first matrix loses nothing:
     * its FEC tells the matrix size). Ends with a flush.
     */
    private List<byte[]> stream(long ssrc, int first, int l, int d, int matrices, Set<Integer> lost, boolean rows) {
        List<byte[]> sent = new ArrayList<>();
        for (int m = 0; m < matrices; m++) {
            int base = (first + m * l * d) & 0xFFFF;
            List<byte[]> matrix = new ArrayList<>();
            for (int i = 0; i < l * d; i++) {
                matrix.add(FecTestEncoder.media(ssrc, (base + i) & 0xFFFF, 7));
            }
            sendMatrix(matrix, base, l, d, lost, rows);
            sent.addAll(matrix);
        }
        receiver.flushHeld();
        return sent;
    }

    private void sendMatrix(List<byte[]> matrix, int base, int l, int d, Set<Integer> lost, boolean rows) {
        sendMatrix(matrix, base, l, d, lost, rows, () -> { });
    }

    private void sendMatrix(List<byte[]> matrix, int base, int l, int d, Set<Integer> lost, boolean rows, Runnable afterSecond) {
        List<byte[]> rowFec = FecTestEncoder.rows(matrix, base, l, d);
        for (int i = 0; i < matrix.size(); i++) {
            byte[] p = matrix.get(i);
            if (!lost.contains(seq(p))) {
                receiver.receive(p, p.length);
            }
            if (i == 1) {
                afterSecond.run();
            }
            if (rows && i % l == l - 1) {
                fec(rowFec.get(i / l));
            }
        }
        FecTestEncoder.columns(matrix, base, l, d).forEach(this::fec);
    }

    private void fec(byte[] datagram) {
        receiver.receiveFec(SENDER, datagram, datagram.length);
    }

    private static List<byte[]> padded(List<byte[]> partial, int size) {
        List<byte[]> out = new ArrayList<>(partial);
        while (out.size() < size) {
            out.add(partial.get(partial.size() - 1));
        }
        return out;
    }

    private static int seq(byte[] media) {
        return ((media[2] & 0xFF) << 8) | (media[3] & 0xFF);
    }

    private void assertDeliveredInOrder(List<byte[]> sent, Set<Integer> missing) {
        List<String> expected = new ArrayList<>();
        for (byte[] p : sent) {
            if (!missing.contains(seq(p))) {
                expected.add(seq(p) + ":" + Arrays.hashCode(FecTestEncoder.payload(p)));
            }
        }
        List<String> actual = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (byte[] payload : delivered) {
            int index = -1;
            for (int i = 0; i < sent.size() && index < 0; i++) {
                if (Arrays.equals(FecTestEncoder.payload(sent.get(i)), payload) && seen.add(i)) {
                    index = i;
                }
            }
            actual.add(index < 0 ? "unknown" : seq(sent.get(index)) + ":" + Arrays.hashCode(payload));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
