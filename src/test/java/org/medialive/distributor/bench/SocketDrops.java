package org.medialive.distributor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Datagrams the kernel dropped at UDP sockets (a full receive buffer), from /proc/net/udp and udp6. */
final class SocketDrops {

    private SocketDrops() {
    }

    /** The drops summed over the sockets bound to any of {@code ports}, as they stand now. */
    static long of(Set<Integer> ports) {
        long drops = 0;
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 13 || !f[1].contains(":")) {
                        continue;
                    }
                    int port;
                    try {
                        port = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
                    } catch (NumberFormatException header) {
                        continue;
                    }
                    if (ports.contains(port)) {
                        drops += Long.parseLong(f[f.length - 1]);
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // not on this kernel
            }
        }
        return drops;
    }
}
