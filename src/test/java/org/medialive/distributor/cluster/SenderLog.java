package org.medialive.distributor.cluster;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A UDP destination that notes, for every datagram, when it came and from which socket: two
 * nodes sending the same channel show up as two source ports whose periods overlap.
 */
final class SenderLog implements AutoCloseable {

    /** The first and last datagram from one source port, System.nanoTime(). */
    record Period(int sourcePort, long first, long last, long datagrams) {
    }

    private final DatagramSocket socket;
    private final Map<Integer, long[]> periods = new LinkedHashMap<>();
    private final Thread reader;

    SenderLog() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        reader = new Thread(this::read, "sender-log");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void read() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            long now = System.nanoTime();
            synchronized (periods) {
                long[] period = periods.computeIfAbsent(packet.getPort(), p -> new long[] {now, now, 0});
                period[1] = now;
                period[2]++;
            }
        }
    }

    /** Every source port seen, in the order they first sent. */
    List<Period> periods() {
        synchronized (periods) {
            List<Period> list = new ArrayList<>();
            periods.forEach((port, p) -> list.add(new Period(port, p[0], p[1], p[2])));
            return list;
        }
    }

    long datagrams() {
        return periods().stream().mapToLong(Period::datagrams).sum();
    }

    @Override
    public void close() {
        socket.close();
    }
}
