package org.medialive.distributor.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Senders as an encoder behaves: streams (sender epochs) that end with a restart, a new SSRC
 * or the same one after a jump, with loss, adjacent swaps, bursts of duplicates, lone stray
 * datagrams (of an older stream, or 100+ behind in this one) and flushes (loss of signal) at any
 * point. Then: nothing from an older epoch leaves after a newer one's first payload, within an
 * epoch payloads leave in send order, no payload twice, strays never restart the stream, and
 * every datagram is accounted for.
 */
class RtpSenderModelPropertiesTest {

    private static final int WINDOW = 8;

    /** One datagram as sent: which epoch, its place in the epoch, its id. */
    record Sent(int epoch, int index, long ssrc, int sequence, long id, boolean stray) {
    }

    @Property(tries = 300)
    void aRestartingFaultySenderIsFollowed(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int epochs,
                                           @ForAll @IntRange(min = 0, max = 20) int faultPercent) {
        Random random = new Random(seed);
        List<List<Sent>> streams = streams(random, epochs);
        List<Object> plan = withFaults(random, streams, faultPercent);
        DeliveryLog log = new DeliveryLog();
        RtpReorderBuffer buffer = new RtpReorderBuffer(WINDOW, log, log);
        Map<Long, Sent> byId = new HashMap<>();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long datagrams = 0;
            for (Object step : plan) {
                if (step instanceof Sent sent) {
                    byId.put(sent.id(), sent);
                    log.sent.put(sent.id(), new long[] {sent.ssrc(), sent.sequence()});
                    buffer.accept(sent.sequence(), sent.ssrc(), DeliveryLog.payload(sent.id()), 0, Long.BYTES);
                    datagrams++;
                } else {
                    buffer.flush();
                }
            }
            buffer.flush();
            assertThat(log.delivered + buffer.late + buffer.duplicate + buffer.dropped).isEqualTo(datagrams);
        });
        log.assertNothingDeliveredTwice();
        log.assertOrderWithinEachStream(buffer.lost);
        int newestEpoch = -1;
        int lastIndex = -1;
        for (DeliveryLog.Entry entry : log.entries) {
            if (entry.restart() != null) {
                continue;
            }
            Sent sent = byId.get(entry.id());
            assertThat(sent.stray()).as("a stray datagram was delivered: %s", sent).isFalse();
            assertThat(sent.epoch()).as("epoch of %s after epoch %d started", sent, newestEpoch).isGreaterThanOrEqualTo(newestEpoch);
            if (sent.epoch() > newestEpoch) {
                newestEpoch = sent.epoch();
                lastIndex = -1;
            }
            assertThat(sent.index()).as("send order within epoch %d", sent.epoch()).isGreaterThan(lastIndex);
            lastIndex = sent.index();
        }
        assertThat(buffer.restarts).as("restarts, for %d epochs", epochs).isLessThanOrEqualTo(epochs - 1);
    }

    /** Each epoch a new SSRC, or (one in three) the same SSRC after a forward jump of 4,000 to 20,000. */
    private static List<List<Sent>> streams(Random random, int epochs) {
        List<List<Sent>> streams = new ArrayList<>();
        long ssrc = random.nextInt() & 0xFFFFFFFFL;
        int sequence = random.nextInt(65536);
        long id = 1;
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (epoch > 0 && random.nextInt(3) == 0) {
                sequence = (sequence + 4000 + random.nextInt(16000)) & 0xFFFF;
            } else if (epoch > 0) {
                ssrc = (ssrc + 1 + random.nextInt(1000)) & 0xFFFFFFFFL;
                sequence = random.nextInt(65536);
            }
            List<Sent> stream = new ArrayList<>();
            int length = 1 + random.nextInt(300);
            for (int i = 0; i < length; i++) {
                stream.add(new Sent(epoch, i, ssrc, sequence, id++, false));
                sequence = (sequence + 1) & 0xFFFF;
            }
            streams.add(stream);
        }
        return streams;
    }

    /** The datagrams as the network delivers them, and flushes (null) where the signal drops. */
    private static List<Object> withFaults(Random random, List<List<Sent>> streams, int faultPercent) {
        List<Sent> all = new ArrayList<>();
        streams.forEach(all::addAll);
        List<Object> plan = new ArrayList<>();
        Set<String> strayNear = new HashSet<>();
        long strayId = 1_000_000;
        boolean afterStray = false;
        for (int i = 0; i < all.size(); i++) {
            Sent sent = all.get(i);
            int fault = random.nextInt(100) < faultPercent ? random.nextInt(5) : -1;
            if (fault == 0 && !afterStray) {
                continue; // lost
            }
            if (fault == 1 && i + 1 < all.size()) { // swapped with the next
                plan.add(all.get(i + 1));
                plan.add(sent);
                i++;
            } else {
                plan.add(sent);
            }
            afterStray = false;
            if (fault == 2) { // a burst of duplicates
                for (int d = random.nextInt(5); d >= 0; d--) {
                    plan.add(sent);
                }
            } else if (fault == 3) {
                plan.add(null); // loss of signal
            } else if (fault == 4) {
                Sent stray = stray(random, streams, sent, strayId++);
                // two strays close together would be a real new stream (RFC 3550): keep them apart
                if (stray != null && strayNear.add(stray.ssrc() + "/" + stray.sequence() / (2 * WINDOW))
                        && strayNear.add(stray.ssrc() + "/" + (stray.sequence() / (2 * WINDOW) + 1))
                        && strayNear.add(stray.ssrc() + "/" + (stray.sequence() / (2 * WINDOW) - 1))) {
                    plan.add(stray);
                    afterStray = true; // the next datagram is sent, so the stream moves on past the stray
                }
            }
        }
        return plan;
    }

    /** A lone old datagram: of the previous epoch, or 150+ back in this one; null if there is none. */
    private static Sent stray(Random random, List<List<Sent>> streams, Sent now, long id) {
        List<Sent> current = streams.get(now.epoch());
        Sent old;
        if (now.index() >= 150 && random.nextBoolean()) {
            old = current.get(random.nextInt(now.index() - 149));
        } else if (now.epoch() > 0) {
            List<Sent> previous = streams.get(now.epoch() - 1);
            old = previous.get(random.nextInt(previous.size()));
        } else {
            return null;
        }
        return new Sent(old.epoch(), old.index(), old.ssrc(), old.sequence(), id, true);
    }
}
