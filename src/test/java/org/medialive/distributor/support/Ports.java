package org.medialive.distributor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for servers and streams started by tests. */
public final class Ports {

    private Ports() {
    }

    public static int freeTcp() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UDP port that is free now, at or above 1024 (SRT refuses lower ones). */
    public static int freeUdp() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UDP port P with P + 2 and P + 4 free too (SMPTE 2022-1 FEC uses them), P at most 65531. */
    public static int freeUdpWithFec() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freeUdp();
            if (port <= 65531 && udpFree(port + 2) && udpFree(port + 4)) {
                return port;
            }
        }
        throw new IllegalStateException("no UDP port with port + 2 and port + 4 free");
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
