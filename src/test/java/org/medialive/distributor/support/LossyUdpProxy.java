package org.medialive.distributor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A UDP proxy on loopback between an RTP sender with SMPTE 2022-1 FEC and the server: media on
 * port P, column FEC on P + 2, row FEC on P + 4, each forwarded to the same offset from the
 * target port, from one socket (so the server sees one sender). Each port drops datagrams by a
 * rule of its own. Keeps every media datagram it received, in arrival order, and which it dropped.
 */
public final class LossyUdpProxy implements AutoCloseable {

    /** Decides for the n-th datagram of a port (from 0) whether it is dropped. */
    @FunctionalInterface
    public interface DropRule {
        DropRule NONE = n -> false;

        boolean drop(long n);
    }

    private final int listenPort;
    private final DatagramSocket out;
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<byte[]> media = new ArrayList<>();
    private final List<Boolean> mediaDropped = new ArrayList<>();
    private final long[] received = new long[3];
    private final long[] dropped = new long[3];

    public LossyUdpProxy(int targetPort, DropRule mediaRule, DropRule columnRule, DropRule rowRule) {
        try {
            listenPort = Ports.freeUdpWithFec();
            out = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            DropRule[] rules = {mediaRule, columnRule, rowRule};
            for (int i = 0; i < 3; i++) {
                DatagramSocket socket = new DatagramSocket(listenPort + 2 * i, InetAddress.getLoopbackAddress());
                socket.setReceiveBufferSize(4 << 20);
                sockets.add(socket);
                int index = i;
                InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort + 2 * i);
                Thread thread = new Thread(() -> relay(index, socket, target, rules[index]), "lossy-proxy-" + listenPort + "+" + 2 * i);
                thread.setDaemon(true);
                threads.add(thread);
            }
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        threads.forEach(Thread::start);
    }

    /** The port the sender sends its media to (FEC to + 2 and + 4). */
    public int port() {
        return listenPort;
    }

    /** Every media datagram received from the sender, in arrival order. */
    public synchronized List<byte[]> media() {
        return List.copyOf(media);
    }

    /** Whether the media datagram of the same index in {@link #media()} was dropped. */
    public synchronized List<Boolean> mediaDropped() {
        return List.copyOf(mediaDropped);
    }

    /** Datagrams received on media (0), column (1) and row (2). */
    public synchronized long received(int port) {
        return received[port];
    }

    public synchronized long dropped(int port) {
        return dropped[port];
    }

    private void relay(int index, DatagramSocket socket, InetSocketAddress target, DropRule rule) {
        byte[] buffer = new byte[9216];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                boolean drop;
                synchronized (this) {
                    drop = rule.drop(received[index]);
                    received[index]++;
                    if (drop) {
                        dropped[index]++;
                    }
                    if (index == 0) {
                        media.add(Arrays.copyOf(buffer, packet.getLength()));
                        mediaDropped.add(drop);
                    }
                }
                if (!drop) {
                    out.send(new DatagramPacket(buffer, packet.getLength(), target));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        sockets.forEach(DatagramSocket::close);
        out.close();
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
