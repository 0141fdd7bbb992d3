package org.medialive.distributor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/** The UDP sockets of the kernel's tables (/proc/net/udp and udp6): which ports are bound, and their drops. */
final class SocketDrops {

    private SocketDrops() {
    }

    /** The datagrams dropped (a full receive buffer), summed over the sockets bound to any of {@code ports}, as they stand now. */
    static long of(Set<Integer> ports) {
        long[] drops = {0};
        eachSocket((fields, port) -> {
            if (ports.contains(port)) {
                drops[0] += Long.parseLong(fields[fields.length - 1]);
            }
        });
        return drops[0];
    }

    /** Whether a socket is bound to every one of {@code ports}. */
    static boolean allBound(Set<Integer> ports) {
        Set<Integer> bound = new HashSet<>();
        eachSocket((fields, port) -> bound.add(port));
        return bound.containsAll(ports);
    }

    private static void eachSocket(ObjIntConsumer<String[]> action) {
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 13 || !f[1].contains(":")) {
                        continue;
                    }
                    try {
                        action.accept(f, Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16));
                    } catch (NumberFormatException header) {
                        // the table's header line
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // not on this kernel
            }
        }
    }
}
