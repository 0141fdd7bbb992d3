package org.medialive.distributor.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one transport stream as paced RTP to every channel at once, from ONE thread and one
 * socket, as cheaply as it can: 25 channels at 8 Mbit/s are ~19,000 datagrams a second. Each
 * channel gets its own SSRC and sequence numbers, 7 TS packets per datagram (as MediaLive), and
 * its own phase within the datagram interval, so the channels' datagrams are spread evenly in
 * time rather than sent in bursts. A channel may have several targets (the alternative designs
 * read the RTP once per output): each datagram goes to each of them.
 */
final class MultiPacer implements AutoCloseable {

    static final int PAYLOAD = 7 * 188;
    private static final int RTP_HEADER = 12;
    /** The pacer parks when the next datagram is due later than this; otherwise it sends. */
    private static final long PARK_THRESHOLD_NANOS = 200_000;

    private final ByteBuffer stream;
    private final long bitsPerSecond;
    private final List<List<InetSocketAddress>> targets;
    private final boolean plainTs;
    private final List<InetSocketAddress[]> fecTargets;
    private final AtomicLongArray datagrams;
    private final java.util.concurrent.atomic.AtomicIntegerArray silenced;
    private final AtomicLongArray bytes;
    private volatile boolean running = true;
    private volatile long maxLatenessNanos;
    private volatile long sendErrors;
    private Thread thread;

    MultiPacer(ByteBuffer stream, long bitsPerSecond, List<List<InetSocketAddress>> targets) {
        this(stream, bitsPerSecond, targets, false, null);
    }

    /**
     * @param plainTs    send the TS packets without an RTP header (what an SRT sender reads)
     * @param fecTargets per channel, where its column and row FEC go ({media port + 2, + 4}), or null for none
     */
    MultiPacer(ByteBuffer stream, long bitsPerSecond, List<List<InetSocketAddress>> targets, boolean plainTs,
               List<InetSocketAddress[]> fecTargets) {
        this.stream = stream.duplicate();
        this.bitsPerSecond = bitsPerSecond;
        this.targets = targets;
        this.plainTs = plainTs;
        this.fecTargets = fecTargets;
        this.datagrams = new AtomicLongArray(targets.size());
        this.silenced = new java.util.concurrent.atomic.AtomicIntegerArray(targets.size());
        this.bytes = new AtomicLongArray(targets.size());
    }

    MultiPacer start() {
        thread = new Thread(this::run, "bench-pacer");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        return this;
    }

    /** From now on channel {@code c}'s target {@code t} gets nothing (a sender that failed). */
    void silence(int c, int t) {
        silenced.accumulateAndGet(c, 1 << t, (a, b) -> a | b);
    }

    /** Datagrams sent for channel {@code c} (to each of its targets). */
    long datagrams(int c) {
        return datagrams.get(c);
    }

    /** TS bytes sent for channel {@code c}, RTP headers not counted. */
    long bytes(int c) {
        return bytes.get(c);
    }

    /** The furthest the pacer fell behind its schedule: a sign the machine was saturated. */
    double maxLatenessMillis() {
        return maxLatenessNanos / 1e6;
    }

    long sendErrors() {
        return sendErrors;
    }

    boolean finished() {
        return thread != null && !thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void send(DatagramChannel socket, ByteBuffer datagram, InetSocketAddress target) {
        try {
            socket.send(datagram, target);
        } catch (IOException e) {
            sendErrors++;
        }
    }

    private void run() {
        int n = targets.size();
        int total = stream.capacity() / PAYLOAD;
        long intervalNanos = PAYLOAD * 8L * 1_000_000_000L / bitsPerSecond;
        ByteBuffer datagram = ByteBuffer.allocateDirect(RTP_HEADER + PAYLOAD);
        ByteBuffer fecPacket = ByteBuffer.allocateDirect(PacerFec.packetSize(PAYLOAD));
        PacerFec[] fec = new PacerFec[n];
        for (int c = 0; c < n && fecTargets != null; c++) {
            fec[c] = new PacerFec(PAYLOAD);
        }
        int[] sequence = new int[n];
        for (int c = 0; c < n; c++) {
            sequence[c] = (c * 7919) & 0xFFFF;
        }
        long worst = 0;
        try (DatagramChannel socket = DatagramChannel.open()) {
            socket.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            long start = System.nanoTime() + 1_000_000;
            for (int k = 0; k < total && running; k++) {
                ByteBuffer payload = stream.slice(k * PAYLOAD, PAYLOAD);
                for (int c = 0; c < n && running; c++) {
                    long due = start + k * intervalNanos + c * intervalNanos / n;
                    long now = System.nanoTime();
                    if (due - now > PARK_THRESHOLD_NANOS) {
                        LockSupport.parkNanos(due - now - PARK_THRESHOLD_NANOS / 2);
                    } else if (now - due > worst) {
                        worst = now - due;
                        maxLatenessNanos = worst;
                    }
                    datagram.clear();
                    if (!plainTs) {
                        datagram.put((byte) 0x80).put((byte) 33).putShort((short) sequence[c])
                                .putInt((int) ((k * intervalNanos) * 9 / 100_000)).putInt(0xBE000000 + c);
                    }
                    datagram.put(payload.rewind());
                    List<InetSocketAddress> to = targets.get(c);
                    for (int t = 0; t < to.size(); t++) {
                        if ((silenced.get(c) & (1 << t)) != 0) {
                            continue;
                        }
                        datagram.flip();
                        send(socket, datagram, to.get(t));
                        datagram.position(datagram.limit());
                    }
                    if (fec[c] != null) {
                        int fecDue = fec[c].accept(datagram, sequence[c]);
                        for (int f = 0; f < fecDue; f++) {
                            fec[c].write(f, fecPacket);
                            send(socket, fecPacket, fecTargets.get(c)[f == 0 ? 1 : 0]);
                        }
                    }
                    sequence[c] = (sequence[c] + 1) & 0xFFFF;
                    datagrams.incrementAndGet(c);
                    bytes.addAndGet(c, PAYLOAD);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the pacer's socket failed: " + e.getMessage(), e);
        }
    }
}
