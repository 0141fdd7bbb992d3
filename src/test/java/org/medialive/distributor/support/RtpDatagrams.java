package org.medialive.distributor.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Hand-made RTP datagrams for fault injection: the test decides the order and what is
 * withheld, then sends them a millisecond apart (loopback must not overflow the socket).
 */
public final class RtpDatagrams {

    private static final int PER_DATAGRAM = 7 * 188;

    private RtpDatagrams() {
    }

    /** RTP datagrams (payload type 33, sequence numbers from 0) carrying {@code ts} seven packets each. */
    public static List<byte[]> of(byte[] ts, int count) {
        List<byte[]> datagrams = new ArrayList<>();
        for (int i = 0; i < count && (i + 1) * PER_DATAGRAM <= ts.length; i++) {
            byte[] d = new byte[12 + PER_DATAGRAM];
            d[0] = (byte) 0x80;
            d[1] = 33;
            d[2] = (byte) (i >> 8);
            d[3] = (byte) i;
            d[11] = 42;
            System.arraycopy(ts, i * PER_DATAGRAM, d, 12, PER_DATAGRAM);
            datagrams.add(d);
        }
        return datagrams;
    }

    public static void send(List<byte[]> datagrams, int port) throws IOException {
        send(datagrams, port, "127.0.0.1");
    }

    /** Sends from {@code sourceAddress}, any loopback address (127.0.0.0/8). */
    public static void send(List<byte[]> datagrams, int port, String sourceAddress) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(sourceAddress, 0))) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
            for (byte[] d : datagrams) {
                socket.send(new DatagramPacket(d, d.length, target));
                LockSupport.parkNanos(1_000_000);
            }
        }
    }
}
