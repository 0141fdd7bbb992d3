package org.medialive.distributor.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a transport stream as RTP (payload type 33, 7 TS packets per datagram, as
 * MediaLive does) at a constant bitrate, like an encoder would. Used by demo mode, the
 * benchmark and the tests; the stream should be made at that mux rate (FFmpeg -muxrate).
 */
public final class RtpPacer implements AutoCloseable {

    public static final int PACKETS_PER_DATAGRAM = 7;
    private static final int TS_PACKET = 188;
    private static final int RTP_HEADER = 12;

    private final InetSocketAddress target;
    private final long bitsPerSecond;
    private final int ssrc;
    private final AtomicLong datagrams = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean paused;
    private Thread thread;

    public RtpPacer(InetSocketAddress target, long bitsPerSecond, int ssrc) {
        this.target = target;
        this.bitsPerSecond = bitsPerSecond;
        this.ssrc = ssrc;
    }

    /** Starts sending {@code ts} on a thread of its own; it ends at the end of the stream or on close. */
    public RtpPacer start(InputStream ts) {
        thread = new Thread(() -> send(ts), "rtp-pacer-" + target.getPort());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    public long datagramsSent() {
        return datagrams.get();
    }

    /** TS bytes sent (RTP headers not counted). */
    public long bytesSent() {
        return bytes.get();
    }

    /** Stops sending until {@link #resume}, keeping the place in the stream (an encoder outage). */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        LockSupport.unpark(thread);
    }

    public boolean isFinished() {
        return thread != null && !thread.isAlive();
    }

    /** Waits until the whole stream has been sent. */
    public void awaitEnd() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void send(InputStream ts) {
        byte[] datagram = new byte[RTP_HEADER + PACKETS_PER_DATAGRAM * TS_PACKET];
        datagram[0] = (byte) 0x80;
        datagram[1] = 33;
        writeInt(datagram, 8, ssrc);
        long start = System.nanoTime();
        long sentBits = 0;
        int sequence = 0;
        try (DatagramSocket socket = new DatagramSocket(); ts) {
            while (running) {
                int length = ts.readNBytes(datagram, RTP_HEADER, PACKETS_PER_DATAGRAM * TS_PACKET);
                length -= length % TS_PACKET;
                if (length == 0) {
                    return;
                }
                long due = start + sentBits * 1_000_000_000L / bitsPerSecond;
                while (running && System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                if (paused) {
                    long pausedAt = System.nanoTime();
                    while (running && paused) {
                        LockSupport.parkNanos(10_000_000L);
                    }
                    start += System.nanoTime() - pausedAt;
                }
                datagram[2] = (byte) (sequence >> 8);
                datagram[3] = (byte) sequence;
                writeInt(datagram, 4, (int) ((System.nanoTime() - start) * 9 / 100_000));
                socket.send(new DatagramPacket(datagram, RTP_HEADER + length, target));
                sequence = (sequence + 1) & 0xFFFF;
                sentBits += length * 8L;
                datagrams.incrementAndGet();
                bytes.addAndGet(length);
            }
        } catch (IOException e) {
            if (running) {
                throw new IllegalStateException("RTP sending to " + target + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static void writeInt(byte[] into, int at, int value) {
        into[at] = (byte) (value >> 24);
        into[at + 1] = (byte) (value >> 16);
        into[at + 2] = (byte) (value >> 8);
        into[at + 3] = (byte) value;
    }
}
