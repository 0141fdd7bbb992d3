package org.medialive.distributor.ingest;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Any sequence of (SSRC, sequence, payload) datagrams, with wraps, jumps forward and back,
 * duplicates, SSRC flips and flushes at any point: every call returns, no payload leaves twice,
 * between restarts payloads leave in sequence order, what is counted as held is what is held,
 * and every datagram is accounted for as delivered, late, duplicate or dropped.
 */
class RtpReorderBufferPropertiesTest {

    /** kind 0: a datagram {@code delta} after the last one, of SSRC number {@code ssrc}; 1: flush; 2: the last datagram again. */
    record Step(int kind, int ssrc, int delta) {
    }

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<Integer> kind = Arbitraries.frequency(List.of(
                net.jqwik.api.Tuple.of(90, 0), net.jqwik.api.Tuple.of(4, 1), net.jqwik.api.Tuple.of(6, 2)))
                .map(Integer.class::cast);
        Arbitrary<Integer> ssrc = Arbitraries.frequency(List.of(
                net.jqwik.api.Tuple.of(85, 0), net.jqwik.api.Tuple.of(10, 1), net.jqwik.api.Tuple.of(5, 2)))
                .map(Integer.class::cast);
        Arbitrary<Integer> delta = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(60, Arbitraries.integers().between(-3, 12)),
                net.jqwik.api.Tuple.of(20, Arbitraries.integers().between(-150, 150)),
                net.jqwik.api.Tuple.of(10, Arbitraries.integers().between(-4000, 4000)),
                net.jqwik.api.Tuple.of(10, Arbitraries.integers().between(0, 65535)));
        return Combinators.combine(kind, ssrc, delta).as(Step::new);
    }

    @Property(tries = 1000)
    void anySequenceKeepsTheInvariants(@ForAll @IntRange(min = 0, max = 65535) int start,
                                       @ForAll @IntRange(min = 1, max = 40) int window,
                                       @ForAll @Size(max = 400) List<@From("steps") Step> steps) {
        DeliveryLog log = new DeliveryLog();
        RtpReorderBuffer buffer = new RtpReorderBuffer(window, log, log);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            int sequence = start;
            long ssrc = 0;
            long id = 0;
            long datagrams = 0;
            for (Step step : steps) {
                if (step.kind() == 1) {
                    buffer.flush();
                } else {
                    if (step.kind() == 0 || id == 0) {
                        sequence = (sequence + step.delta()) & 0xFFFF;
                        ssrc = 0x1000 + step.ssrc();
                        id++;
                        log.sent.put(id, new long[] {ssrc, sequence});
                    }
                    buffer.accept(sequence, ssrc, DeliveryLog.payload(id), 0, Long.BYTES);
                    datagrams++;
                }
                assertThat(buffer.held()).as("held is what the slots hold").isEqualTo(buffer.occupiedSlots());
                assertThat(buffer.held()).isLessThan(buffer.window());
                assertThat(log.delivered + buffer.late + buffer.duplicate + buffer.dropped + buffer.held()
                        + (buffer.onProbation() ? 1 : 0)).as("every datagram accounted for").isEqualTo(datagrams);
            }
            buffer.flush();
            assertThat(buffer.held()).isZero();
            assertThat(buffer.occupiedSlots()).isZero();
            assertThat(buffer.onProbation()).isFalse();
            assertThat(log.delivered + buffer.late + buffer.duplicate + buffer.dropped).isEqualTo(datagrams);
            log.assertNothingDeliveredTwice();
            log.assertOrderWithinEachStream(buffer.lost);
            assertThat(buffer.restarts).isEqualTo(log.restartsAnnounced());
        });
    }
}
