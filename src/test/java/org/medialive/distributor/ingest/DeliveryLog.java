package org.medialive.distributor.ingest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an {@link RtpReorderBuffer} under test put out, in order: payload ids (each test datagram
 * carries a unique 8-byte id) and the restarts it announced between them, with the checks every
 * sequence of datagrams must pass.
 */
final class DeliveryLog implements TsSink, SenderRestarts {

    /** One delivered payload, or (restart != null) a restart announced at that point. */
    record Entry(long id, long ssrc, int sequence, SenderRestart restart) {
    }

    /** The (ssrc, sequence) each id was sent with, filled in by the test as it sends. */
    final java.util.Map<Long, long[]> sent = new java.util.HashMap<>();
    final List<Entry> entries = new ArrayList<>();
    long delivered;

    static byte[] payload(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    @Override
    public void accept(byte[] data, int offset, int length) {
        assertThat(length).isEqualTo(Long.BYTES);
        long id = ByteBuffer.wrap(data, offset, length).getLong();
        long[] origin = sent.get(id);
        entries.add(new Entry(id, origin[0], (int) origin[1], null));
        delivered++;
    }

    @Override
    public void restarted(long previousSsrc, long ssrc, int firstSequence) {
        entries.add(new Entry(-1, ssrc, firstSequence, new SenderRestart(previousSsrc, ssrc, firstSequence, 0)));
    }

    /** No id twice. */
    void assertNothingDeliveredTwice() {
        Set<Long> seen = new HashSet<>();
        for (Entry entry : entries) {
            if (entry.restart() == null) {
                assertThat(seen.add(entry.id())).as("payload %d delivered twice", entry.id()).isTrue();
            }
        }
    }

    /**
     * Between two announced restarts one SSRC, sequence numbers strictly increasing (modulo 2^16),
     * the first after a restart the one it announced; the gaps add up to {@code lost}.
     */
    void assertOrderWithinEachStream(long lost) {
        Entry previous = null;
        SenderRestart announced = null;
        long gaps = 0;
        for (Entry entry : entries) {
            if (entry.restart() != null) {
                announced = entry.restart();
                previous = null;
                continue;
            }
            if (previous == null) {
                if (announced != null) {
                    assertThat(entry.ssrc()).as("first SSRC after a restart").isEqualTo(announced.ssrc());
                    assertThat(entry.sequence()).as("first sequence after a restart").isEqualTo(announced.firstSequence());
                }
            } else {
                assertThat(entry.ssrc()).as("SSRC within one stream").isEqualTo(previous.ssrc());
                int step = (short) (entry.sequence() - previous.sequence());
                assertThat(step).as("sequence %d after %d", entry.sequence(), previous.sequence()).isPositive();
                gaps += step - 1;
            }
            previous = entry;
        }
        assertThat(lost).as("lost = the gaps between delivered packets").isEqualTo(gaps);
    }

    long restartsAnnounced() {
        return entries.stream().filter(e -> e.restart() != null).count();
    }
}
