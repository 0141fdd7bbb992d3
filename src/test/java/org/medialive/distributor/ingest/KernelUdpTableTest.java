package org.medialive.distributor.ingest;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KernelUdpTableTest {

    @Test
    void addressesDecodeAsTheKernelPrintsThem() throws Exception {
        // 127.0.0.1 as /proc/net/udp prints it on a little-endian machine
        String loopback = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "0100007F" : "7F000001";
        assertThat(KernelUdpTable.decode(loopback)).isEqualTo(InetAddress.getByName("127.0.0.1"));
        String mapped = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? "0000000000000000FFFF00000100007F" : "00000000000000000000FFFF7F000001";
        assertThat(KernelUdpTable.decode(mapped)).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(KernelUdpTable.decode("00000000000000000000000000000000").isAnyLocalAddress()).isTrue();
    }

    @Test
    void anOpenSocketIsFoundWithNoDrops() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            assertThat(KernelUdpTable.drops((InetSocketAddress) socket.getLocalSocketAddress())).isZero();
        }
    }

    @Test
    void anOverflowingSocketShowsWhatTheKernelDropped() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            receiver.setReceiveBufferSize(1); // the kernel's minimum: a few datagrams
            int sent = 200;
            for (int i = 0; i < sent; i++) {
                sender.send(new java.net.DatagramPacket(new byte[1316], 1316, receiver.getLocalSocketAddress()));
            }
            receiver.setSoTimeout(200);
            int read = 0;
            try {
                while (true) {
                    receiver.receive(new java.net.DatagramPacket(new byte[2048], 2048));
                    read++;
                }
            } catch (java.net.SocketTimeoutException drained) {
                // everything the buffer held has been read
            }
            assertThat(read).isLessThan(sent);
            assertThat(KernelUdpTable.drops((InetSocketAddress) receiver.getLocalSocketAddress())).isEqualTo(sent - read);
        }
    }

    @Test
    void socketsSharingAPortAreToldApartByTheirAddress() throws Exception {
        // as multicast inputs on one port are, each bound to its own group
        try (DatagramSocket first = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket second = new DatagramSocket(new InetSocketAddress("127.0.0.2", first.getLocalPort()));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            second.setReceiveBufferSize(1);
            for (int i = 0; i < 200; i++) {
                sender.send(new java.net.DatagramPacket(new byte[1316], 1316, second.getLocalSocketAddress()));
            }
            assertThat(KernelUdpTable.drops((InetSocketAddress) second.getLocalSocketAddress())).isPositive();
            assertThat(KernelUdpTable.drops((InetSocketAddress) first.getLocalSocketAddress())).isZero();
        }
    }

    @Test
    void aClosedSocketIsNotFound() throws Exception {
        InetSocketAddress local;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            local = (InetSocketAddress) socket.getLocalSocketAddress();
        }
        assertThat(KernelUdpTable.drops(local)).isEqualTo(-1);
    }
}
