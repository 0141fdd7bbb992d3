package org.medialive.distributor.channel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which inputs cannot share a UDP port. A multicast input's socket is bound to its group and
 * port (ingest.MulticastBootstrap): it receives only that group's datagrams, so inputs on
 * different groups may share a port (the usual plan: 239.x.y.z:5000 for every channel). Two
 * inputs on the same group and port would each get the other's datagrams, and a unicast input's
 * socket (bound to an address of this host or the wildcard, reuseAddress off) takes the whole
 * port: both are refused. FEC ports (+2, +4) follow the same rule, with the input's group.
 */
final class InputPorts {

    /** A local socket address an input takes: {@code group} null for a unicast input. */
    record Socket(String group, int port) {

        boolean clashes(Socket other) {
            return port == other.port && (group == null || other.group == null || group.equals(other.group));
        }
    }

    private InputPorts() {
    }

    static boolean overlap(InputDefinition a, InputDefinition b) {
        return a != null && b != null && taken(a).stream().anyMatch(mine -> taken(b).stream().anyMatch(mine::clashes));
    }

    /** The sockets an input takes: its port (none for an SRT caller), and with FEC port + 2 and + 4. */
    static List<Socket> taken(InputDefinition input) {
        Integer port = input.udpPort();
        if (port == null) {
            return List.of();
        }
        String group = input.srt() == null ? canonical(input.multicastGroup()) : null;
        List<Integer> ports = input.fecEnabled() ? List.of(port, port + 2, port + 4) : List.of(port);
        return ports.stream().map(each -> new Socket(group, each)).toList();
    }

    /** The channel's inputs: its input and, if set, its backupInput. */
    static List<InputDefinition> of(ChannelDefinition channel) {
        List<InputDefinition> inputs = new ArrayList<>();
        inputs.add(channel.input());
        if (channel.backupInput() != null) {
            inputs.add(channel.backupInput());
        }
        return inputs;
    }

    /** "5000", "239.1.1.1:5000", or "5000 (with FEC on 5002 and 5004)", for messages. */
    static String describe(InputDefinition input) {
        List<Socket> sockets = taken(input);
        String port = sockets.isEmpty() || sockets.get(0).group() == null ? String.valueOf(input.udpPort())
                : sockets.get(0).group() + ":" + input.udpPort();
        return sockets.size() == 3 ? port + " (with FEC on " + sockets.get(1).port() + " and " + sockets.get(2).port() + ")" : port;
    }

    /** One spelling per group (IPv6 can be written many ways); validated literals, so no name lookup. */
    private static String canonical(String group) {
        if (group == null) {
            return null;
        }
        try {
            return InetAddress.getByName(group).getHostAddress();
        } catch (UnknownHostException e) {
            return group;
        }
    }
}
