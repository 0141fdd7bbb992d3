package org.medialive.distributor.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay on loopback that loses some of what goes one way: put in front of an SRT listener,
 * it is the internet path SRT must repair. Datagrams from the first peer to call go to
 * {@code target} with probability 1 - {@code loss}; everything back from the target is relayed.
 */
public final class TwoWayLossyUdpProxy implements AutoCloseable {

    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress target;
    private final double loss;
    private final Random random = new Random(29);
    private final AtomicLong dropped = new AtomicLong();
    private volatile SocketAddress peer;
    private volatile boolean running = true;

    public TwoWayLossyUdpProxy(int listenPort, InetSocketAddress target, double loss) throws IOException {
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
        this.back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.target = target;
        this.loss = loss;
        thread(this::forward, "lossy-forward");
        thread(this::backward, "lossy-backward");
    }

    public long dropped() {
        return dropped.get();
    }

    private void forward() {
        byte[] buffer = new byte[2048];
        while (running) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                front.receive(packet);
                peer = packet.getSocketAddress();
                if (random.nextDouble() < loss) {
                    dropped.incrementAndGet();
                    continue;
                }
                back.send(new DatagramPacket(buffer, packet.getLength(), target));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void backward() {
        byte[] buffer = new byte[2048];
        while (running) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                back.receive(packet);
                SocketAddress to = peer;
                if (to != null) {
                    front.send(new DatagramPacket(buffer, packet.getLength(), to));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void thread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        front.close();
        back.close();
    }
}
