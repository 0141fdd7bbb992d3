package org.medialive.distributor.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * An RTP sender driven by a test, and what a correct receiver makes of it: the TS bytes it must
 * deliver, in order, and the counters it must show. Every datagram carries seven TS packets
 * (PID 0x100) that name the datagram by a unique id, so the capture shows exactly which ones
 * left and in what order. Datagrams go a millisecond apart (loopback must not overflow).
 */
final class SenderScript implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final ByteArrayOutputStream expected = new ByteArrayOutputStream();
    long ssrc;
    int next;
    private long id;
    long datagrams;
    long lost;
    long duplicate;
    long dropped;
    long restarts;
    long reordered;
    long late;

    SenderScript(int port, long ssrc, int firstSequence) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        target = new InetSocketAddress("127.0.0.1", port);
        this.ssrc = ssrc;
        this.next = firstSequence;
    }

    /** A datagram of this sender at {@code sequence}, with a new id; not sent yet. */
    byte[] datagram(long ofSsrc, int sequence) {
        ByteBuffer d = ByteBuffer.allocate(12 + 7 * 188);
        d.put((byte) 0x80).put((byte) 33).putShort((short) sequence).putInt(0).putInt((int) ofSsrc);
        id++;
        for (int k = 0; k < 7; k++) {
            int at = 12 + k * 188;
            d.put(at, (byte) 0x47).put(at + 1, (byte) 0x01).put(at + 2, (byte) 0x00).put(at + 3, (byte) (0x10 | ((id * 7 + k) & 0x0F)));
            d.putLong(at + 4, id).put(at + 12, (byte) k);
            for (int i = at + 13; i < at + 188; i++) {
                d.put(i, (byte) 0xA5);
            }
        }
        return d.array();
    }

    /** Sends the next datagram in sequence, which the receiver must deliver. */
    byte[] sendNext() throws IOException {
        byte[] d = datagram(ssrc, next);
        next = (next + 1) & 0xFFFF;
        send(d);
        delivers(d);
        return d;
    }

    /** Skips a sequence number: the datagram is never sent. */
    void withhold() {
        next = (next + 1) & 0xFFFF;
        lost++;
    }

    void send(byte[] d) throws IOException {
        socket.send(new DatagramPacket(d, d.length, target));
        datagrams++;
        LockSupport.parkNanos(1_000_000);
    }

    /** What a correct receiver passes on from {@code d}: its TS payload, in this place. */
    void delivers(byte[] d) {
        expected.write(d, 12, d.length - 12);
    }

    byte[] expectedBytes() {
        return expected.toByteArray();
    }

    long expectedPackets() {
        return expected.size() / 188;
    }

    @Override
    public void close() {
        socket.close();
    }
}
