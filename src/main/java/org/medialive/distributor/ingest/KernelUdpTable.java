package org.medialive.distributor.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Datagrams the kernel dropped on a UDP socket because its receive buffer was full: the
 * {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6} (Linux), found by
 * the socket's local address and port. Java cannot read SO_RXQ_OVFL, and the socket's inode
 * (which would name it exactly) is not reachable from Java's channel. The address and port name
 * one ingest socket: a unicast input's socket has its port to itself (reuseAddress off), and
 * multicast inputs sharing a port are each bound to their own group (MulticastBootstrap; the
 * same group on the same port twice is refused when channels are saved). Read once a second per
 * channel, never per datagram.
 */
final class KernelUdpTable {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp6"), Path.of("/proc/net/udp")); // Java opens dual-stack (IPv6) sockets: udp6 first
    private static final int LOCAL_ADDRESS = 1;
    private static final int DROPS = 12;

    private KernelUdpTable() {
    }

    /** @return the socket's drop count, or -1 when no table lists it (not Linux, or already closed) */
    static long drops(InetSocketAddress local) {
        for (Path table : TABLES) {
            try {
                for (String line : Files.readAllLines(table)) {
                    long drops = dropsIfSame(line.trim().split("\\s+"), local);
                    if (drops >= 0) {
                        return drops;
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // not Linux, or a line of another format: nothing to report from this table
            }
        }
        return -1;
    }

    private static long dropsIfSame(String[] fields, InetSocketAddress local) {
        if (fields.length <= DROPS || !fields[0].endsWith(":")) {
            return -1; // the header line
        }
        String[] addressAndPort = fields[LOCAL_ADDRESS].split(":");
        if (Integer.parseInt(addressAndPort[1], 16) != local.getPort()
                || !sameAddress(decode(addressAndPort[0]), local.getAddress())) {
            return -1;
        }
        return Long.parseLong(fields[DROPS]);
    }

    /** The kernel prints the address as 32-bit words in the machine's byte order. */
    static InetAddress decode(String hex) {
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2);
        for (int word = 0; word < hex.length() / 8; word++) {
            int value = (int) Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            bytes.putInt(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(value) : value);
        }
        try {
            return InetAddress.getByAddress(bytes.array()); // ::ffff:a.b.c.d comes back as a.b.c.d
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
    }

    private static boolean sameAddress(InetAddress listed, InetAddress local) {
        return listed.equals(local) || listed.isAnyLocalAddress() && local.isAnyLocalAddress();
    }
}
