package org.medialive.distributor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 28, as an operator's encoder would behave. On one channel: sender restarts with a new
 * SSRC while packets are held, sequence jumps forward and back, a single stray old datagram (and
 * one of another SSRC), bursts of duplicates, a swap, a late packet, loss of signal and return,
 * in three orders. Meanwhile a second channel streams to SRT. Throughout: the second channel's
 * output is byte-exact and never pauses more than 200 ms, the API answers every request within
 * 1 s; the first channel's output holds exactly the bytes a correct receiver delivers, in that
 * order, and its counters equal what was injected.
 */
class SenderFaultsIT {

    private static final String FAULTY = "faulty";
    private static final String STEADY = "steady";

    @TempDir
    Path work;
    private Api api;
    /** Where in the faulty channel's expected output the faults end (a trailer of plain stream follows). */
    private int faultsEnd;

    @Test
    void faultsOnOneChannelNeitherCorruptItNorDisturbAnother() throws Exception {
        Path stream = TestStream.plain(60);
        byte[] steadySent = TestStream.bytes(stream);
        int faultyPort = Ports.freeUdp();
        int steadyPort = Ports.freeUdp();
        int faultySrt = Ports.freeUdp();
        int steadySrt = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "sender-faults").start();
             SrtReceiver faultyOut = SrtReceiver.listen(faultySrt, work.resolve("faulty.ts"), "");
             SrtReceiver steadyOut = SrtReceiver.listen(steadySrt, work.resolve("steady.ts"), "");
             SenderScript sender = new SenderScript(faultyPort, 0x1111_0001L, 65_500)) {
            api = server.api();
            channel(FAULTY, faultyPort, faultySrt);
            channel(STEADY, steadyPort, steadySrt);

            try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", steadyPort), TestStream.BITRATE, 0x5eed)
                    .start(new FileInputStream(stream.toFile()));
                 Watch baseline = new Watch(api, steadyOut, pacer);
                 Watch watch = new Watch(api, steadyOut, pacer)) {
                await("steady output flowing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> steadyOut.bytesReceived() > 100_000);
                for (int i = 0; i < 20; i++) { // warm-up: the faulty channel's stream is known and its output connected
                    sender.sendNext();
                }
                await("faulty output flowing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> faultyOut.bytesReceived() > 0);

                // the same watch without faults, to tell the machine's own hiccups from the faults' effect
                baseline.start();
                long quietUntil = System.nanoTime() + 12_000_000_000L;
                while (System.nanoTime() < quietUntil) {
                    sender.sendNext(); // a datagram every ~4 ms with the millisecond the script waits: about 2.5 Mbit/s
                    java.util.concurrent.locks.LockSupport.parkNanos(3_000_000);
                }
                baseline.stop();
                System.out.printf("baseline, no faults: longest pause %d ms (its sender's own longest pause %d ms); slowest API answer %d ms%n",
                        baseline.longestPauseMillis(), baseline.longestInputPauseMillis(), baseline.slowestAnswerMillis());
                watch.start();
                for (long seed : new long[] {28, 2028, 20281201}) {
                    List<Fault> faults = new ArrayList<>(List.of(Fault.values()));
                    Collections.shuffle(faults, new Random(seed));
                    for (Fault fault : faults) {
                        fault.inject(sender, this);
                    }
                }
                watch.stop();
                faultsEnd = sender.expectedBytes().length;
                // srt-live-transmit keeps the last few kilobytes it read until more come: send on, so
                // everything up to the end of the faults is pushed through to the receiver
                for (int i = 0; i < 300; i++) {
                    sender.sendNext();
                    java.util.concurrent.locks.LockSupport.parkNanos(3_000_000);
                }
                System.out.printf("steady output: longest pause %d ms (its sender's own longest pause %d ms); slowest API answer %d ms%n",
                        watch.longestPauseMillis(), watch.longestInputPauseMillis(), watch.slowestAnswerMillis());

                assertThat(watch.longestPauseMillis()).as("longest pause of the steady channel's SRT output (ms); without faults it was %d ms,"
                        + " its sender's own longest pause %d ms", baseline.longestPauseMillis(), watch.longestInputPauseMillis()).isLessThan(200);
                assertThat(watch.slowestAnswerMillis()).as("slowest API answer (ms)").isLessThan(1000);
                assertThat(watch.failedAnswers()).as("API requests not answered 200").isZero();
            }

            byte[] expected = sender.expectedBytes();
            await("faulty channel counted everything").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/" + FAULTY).path("status").path("datagrams").asLong() == sender.datagrams);
            await("faulty channel's output past the faults").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> faultyOut.bytesReceived() >= faultsEnd);
            byte[] received = faultyOut.received();
            received = Arrays.copyOf(received, received.length - received.length % 188);
            int offset = TsCapture.contiguousRunOffset(expected, received);
            assertThat(offset).as("the capture starts within the warm-up").isLessThanOrEqualTo(20 * 1316);
            assertThat(offset + received.length).as("the capture runs past the end of the faults").isGreaterThanOrEqualTo(faultsEnd);

            JsonNode status = api.ok("/api/channels/" + FAULTY).path("status");
            assertThat(status.path("datagrams").asLong()).isEqualTo(sender.datagrams);
            assertThat(status.path("packets").asLong()).isEqualTo(sender.expectedPackets());
            assertThat(status.path("rtpLost").asLong()).as("lost").isEqualTo(sender.lost);
            assertThat(status.path("rtpDuplicate").asLong()).as("duplicate").isEqualTo(sender.duplicate);
            assertThat(status.path("rtpDropped").asLong()).as("strays dropped").isEqualTo(sender.dropped);
            assertThat(status.path("senderRestarts").asLong()).as("sender restarts").isEqualTo(sender.restarts);
            assertThat(status.path("rtpReordered").asLong()).as("reordered").isEqualTo(sender.reordered);
            assertThat(status.path("rtpLate").asLong()).as("late").isEqualTo(sender.late);
            assertThat(status.path("malformed").asLong()).isZero();
            assertThat(status.path("drops").asLong()).as("packets the output dropped").isZero();
            assertThat(status.path("kernelDrops").asLong()).isZero();
            long rmemMax = Long.parseLong(java.nio.file.Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
            long asked = status.path("receiveBufferRequested").asLong();
            assertThat(status.path("receiveBuffer").asLong()).as("granted receive buffer").isEqualTo(Math.min(asked, rmemMax));
            assertThat(status.path("warnings").toString().contains("net.core.rmem_max")).as("buffer warning").isEqualTo(rmemMax < asked);
            assertThat(status.path("warnings").toString()).doesNotContain("no source filter");

            byte[] steadyReceived = steadyOut.received();
            steadyReceived = Arrays.copyOf(steadyReceived, steadyReceived.length - steadyReceived.length % 188);
            TsCapture.contiguousRunOffset(steadySent, steadyReceived);
            JsonNode steady = api.ok("/api/channels/" + STEADY).path("status");
            assertThat(steady.path("rtpLost").asLong() + steady.path("senderRestarts").asLong() + steady.path("rtpDropped").asLong()).isZero();

            assertThat(server.logText()).contains("Channel " + FAULTY + ": RTP sender restarted: SSRC ");
            assertThat(server.errorsInLog()).isEmpty();
        }
    }

    private void channel(String id, int port, int srtPort) {
        assertThat(api.post("/api/channels", "{\"id\":\"" + id + "\",\"input\":{\"port\":" + port
                + ",\"sourceAddress\":\"127.0.0.1\"},\"started\":true}").status()).isEqualTo(201);
        assertThat(api.post("/api/channels/" + id + "/outputs", "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + srtPort + "?mode=caller\"}").status())
                .isEqualTo(201);
        await(id + " output running").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.ok("/api/channels/" + id + "/outputs/srt").path("status").path("state").asText().equals("running"));
    }

    /** Waits until the faulty channel says it has no signal (its held packets are then flushed). */
    void awaitNoSignal() {
        await("no signal on " + FAULTY).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.ok("/api/channels/" + FAULTY).path("status").path("state").asText().equals("waiting"));
    }

    /**
     * Each fault starts and ends with nothing held and nothing on probation, so they combine in
     * any order; each says what a correct receiver delivers and counts.
     */
    enum Fault {
        RESTART_WHILE_HELD {
            @Override
            void inject(SenderScript s, SenderFaultsIT test) throws Exception {
                s.sendNext();
                s.withhold();
                byte[] held1 = s.datagram(s.ssrc, s.next++);
                byte[] held2 = s.datagram(s.ssrc, s.next++);
                s.send(held1);
                s.send(held2);
                s.delivers(held1); // the old stream's held packets leave before the new stream
                s.delivers(held2);
                s.ssrc = s.ssrc + 0x100;
                s.next = (s.next * 7 + 12_345) & 0xFFFF;
                s.restarts++;
                s.sendNext();
                s.sendNext();
                s.sendNext();
            }
        },
        STRAY_FAR_BEHIND {
            @Override
            void inject(SenderScript s, SenderFaultsIT test) throws Exception {
                s.sendNext();
                s.sendNext();
                s.send(s.datagram(s.ssrc, (s.next - 150) & 0xFFFF));
                s.dropped++;
                s.sendNext();
                s.sendNext();
            }
        },
        STRAY_OF_ANOTHER_SSRC {
            @Override
            void inject(SenderScript s, SenderFaultsIT test) throws Exception {
                s.sendNext();
                s.send(s.datagram(0xBAD0_0000L, s.next));
                s.dropped++;
                s.sendNext();
            }
        },
        DUPLICATE_BURST {
            @Override
            void inject(SenderScript s, SenderFaultsIT test) throws Exception {
                byte[] d = s.sendNext();
                for (int i = 0; i < 5; i++) {
                    s.send(d);
                }
                s.duplicate += 5;
                s.sendNext();
            }
        },
        JUMP_FORWARD {
            @Override
            void inject(SenderScript s, SenderFaultsIT test) throws Exception {
                s.sendNext();
                s.next = (s.next + 5000) & 0xFFFF;
                s.restarts++;
                s.sendNext();
                s.sendNext();
                s.sendNext();
            }
        },
        JUMP_BACK {
            @Override
            void inject(SenderScript s, SenderFaultsIT test) throws Exception {
                s.sendNext();
                s.next = (s.next - 1000) & 0xFFFF;
                s.restarts++;
                s.sendNext();
                s.sendNext();
                s.sendNext();
            }
        },
        SMALL_JUMP_IS_LOSS {
            @Override
            void inject(SenderScript s, SenderFaultsIT test) throws Exception {
                s.sendNext();
                for (int i = 0; i < 39; i++) {
                    s.withhold();
                }
                for (int i = 0; i < 9; i++) { // a window and one more: every gap given up, all delivered
                    s.sendNext();
                }
            }
        },
        SWAP {
            @Override
            void inject(SenderScript s, SenderFaultsIT test) throws Exception {
                s.sendNext();
                byte[] first = s.datagram(s.ssrc, s.next++);
                byte[] second = s.datagram(s.ssrc, s.next++);
                s.send(second);
                s.send(first);
                s.delivers(first);
                s.delivers(second);
                s.reordered++;
                s.sendNext();
            }
        },
        LATE {
            @Override
            void inject(SenderScript s, SenderFaultsIT test) throws Exception {
                s.sendNext();
                byte[] late = s.datagram(s.ssrc, s.next);
                s.withhold();
                for (int i = 0; i < 8; i++) { // the eighth makes the window give up on the gap
                    s.sendNext();
                }
                s.send(late);
                s.late++;
                s.sendNext();
            }
        },
        LOSS_OF_SIGNAL {
            @Override
            void inject(SenderScript s, SenderFaultsIT test) throws Exception {
                s.sendNext();
                s.withhold();
                s.sendNext(); // held until the channel notices the silence and flushes
                test.awaitNoSignal();
                s.sendNext();
                s.sendNext();
            }
        };

        abstract void inject(SenderScript s, SenderFaultsIT test) throws Exception;
    }

    /** Watches the steady channel's output for pauses and the API for slow answers, on threads of its own. */
    static final class Watch implements AutoCloseable {

        private final Api api;
        private final SrtReceiver output;
        private final RtpPacer input;
        private final AtomicLong longestInputPauseNanos = new AtomicLong();
        private final AtomicBoolean watching = new AtomicBoolean();
        private final AtomicLong longestPauseNanos = new AtomicLong();
        private final AtomicLong slowestAnswerNanos = new AtomicLong();
        private final AtomicLong failedAnswers = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();

        Watch(Api api, SrtReceiver output, RtpPacer input) {
            this.api = api;
            this.output = output;
            this.input = input;
        }

        void start() {
            watching.set(true);
            for (Runnable watcher : List.<Runnable>of(this::watchOutput, this::watchApi)) {
                Thread thread = new Thread(watcher, "watch");
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        private void watchOutput() {
            long size = output.bytesReceived();
            long sent = input.datagramsSent();
            long grewAt = System.nanoTime();
            long sentAt = grewAt;
            while (watching.get()) {
                long now = System.nanoTime();
                long current = output.bytesReceived();
                if (current != size) {
                    size = current;
                    grewAt = now;
                }
                long sentNow = input.datagramsSent();
                if (sentNow != sent) {
                    sent = sentNow;
                    sentAt = now;
                }
                longestPauseNanos.accumulateAndGet(now - grewAt, Math::max);
                longestInputPauseNanos.accumulateAndGet(now - sentAt, Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
        }

        private void watchApi() {
            while (watching.get()) {
                long start = System.nanoTime();
                try {
                    if (api.get("/api/channels").status() != 200) {
                        failedAnswers.incrementAndGet();
                    }
                } catch (RuntimeException | AssertionError e) {
                    failedAnswers.incrementAndGet();
                }
                slowestAnswerNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
            }
        }

        void stop() throws InterruptedException {
            watching.set(false);
            for (Thread thread : threads) {
                thread.join(5000);
            }
        }

        long longestPauseMillis() {
            return longestPauseNanos.get() / 1_000_000;
        }

        /** The sender's own pauses (the test JVM descheduled on a loaded machine), for comparison. */
        long longestInputPauseMillis() {
            return longestInputPauseNanos.get() / 1_000_000;
        }

        long slowestAnswerMillis() {
            return slowestAnswerNanos.get() / 1_000_000;
        }

        long failedAnswers() {
            return failedAnswers.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
