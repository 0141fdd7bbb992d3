package org.medialive.distributor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A datagram dropped because packets lack the sync byte still reaches stream analysis (TR 101 290 sync errors), and only there. */
class UnsyncedDatagramsTest {

    private final List<byte[]> accepted = new ArrayList<>();
    private final List<byte[]> unsynced = new ArrayList<>();
    private final ChannelReceiver receiver = new ChannelReceiver(SourceFilter.ANY, 8, new TsSink() {
        @Override
        public void accept(byte[] buffer, int offset, int length) {
            accepted.add(Arrays.copyOfRange(buffer, offset, offset + length));
        }

        @Override
        public void unsynced(byte[] buffer, int offset, int length) {
            unsynced.add(Arrays.copyOfRange(buffer, offset, offset + length));
        }
    });

    @Test
    void aPlainTsDatagramWithABadSyncByteIsDroppedButShownToTheAnalysis() {
        byte[] datagram = packets(7);
        datagram[2 * 188] = 0x46;

        receiver.receive(datagram, datagram.length);

        assertThat(accepted).isEmpty();
        assertThat(unsynced).singleElement().isEqualTo(datagram);
        assertThat(receiver.counters().malformed()).isEqualTo(1);
    }

    @Test
    void anRtpDatagramWithABadSyncByteHandsOverItsPayloadOnly() {
        byte[] ts = packets(7);
        ts[0] = 0x00;
        byte[] datagram = new byte[12 + ts.length];
        datagram[0] = (byte) 0x80;
        datagram[1] = 33;
        System.arraycopy(ts, 0, datagram, 12, ts.length);

        receiver.receive(datagram, datagram.length);

        assertThat(accepted).isEmpty();
        assertThat(unsynced).singleElement().isEqualTo(ts);
    }

    @Test
    void aDatagramThatIsNotTsAtAllIsNotASyncError() {
        byte[] datagram = new byte[100];
        datagram[0] = 0x47;

        receiver.receive(datagram, datagram.length);

        assertThat(unsynced).isEmpty();
        assertThat(receiver.counters().malformed()).isEqualTo(1);
    }

    private static byte[] packets(int count) {
        byte[] ts = new byte[count * 188];
        for (int i = 0; i < count; i++) {
            ts[i * 188] = 0x47;
            ts[i * 188 + 1] = 0x1F;
            ts[i * 188 + 2] = (byte) 0xFF;
        }
        return ts;
    }
}
