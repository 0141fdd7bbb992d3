package org.medialive.distributor.output.udp;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.TreeMap;

/** A unicast UDP receiver on loopback that keeps every datagram's payload and counts datagram sizes. */
public final class UdpReceiver implements AutoCloseable {

    private final DatagramSocket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Map<Integer, Integer> sizes = new TreeMap<>();
    private final Thread reader;

    public UdpReceiver(int port) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
        socket.setReceiveBufferSize(4 << 20);
        reader = new Thread(this::read, "udp-receiver-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                socket.receive(packet);
                synchronized (this) {
                    received.write(buffer, 0, packet.getLength());
                    sizes.merge(packet.getLength(), 1, Integer::sum);
                }
            }
        } catch (java.io.IOException closed) {
            // closed by close()
        }
    }

    public synchronized long bytesReceived() {
        return received.size();
    }

    public synchronized byte[] received() {
        return received.toByteArray();
    }

    /** How many datagrams of each size arrived. */
    public synchronized Map<Integer, Integer> datagramSizes() {
        return new TreeMap<>(sizes);
    }

    /** Forgets what arrived so far (the socket stays bound: its port cannot be taken meanwhile). */
    public synchronized void clear() {
        received.reset();
        sizes.clear();
    }

    @Override
    public void close() {
        socket.close();
    }
}
