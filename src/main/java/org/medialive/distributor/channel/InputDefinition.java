package org.medialive.distributor.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * A channel's UDP input, where MediaLive (or any RTP/UDP MPEG-TS sender) sends it.
 *
 * @param bind             local address to receive on; 0.0.0.0 for every interface
 * @param port             UDP port, 1024 to 65535
 * @param multicastGroup   group to join (224.0.0.0/4), or null for unicast
 * @param networkInterface interface that receives the multicast group, e.g. eth0
 * @param sourceAddress    only datagrams from this address are accepted, or null for any
 */
public record InputDefinition(String bind, Integer port, String multicastGroup,
                              @JsonProperty("interface") String networkInterface, String sourceAddress) {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9._-]{1,15}");

    /** Checks every field and fills in defaults; the message says what to fix. */
    public InputDefinition validated() {
        if (port == null) {
            throw invalid("input.port is required: the UDP port MediaLive sends this channel to, e.g. 5000");
        }
        if (port < 1024 || port > 65535) {
            throw invalid("input.port must be between 1024 and 65535, not " + port
                    + (port > 0 && port < 1024 ? " (ports below 1024 are reserved for system services)" : ""));
        }
        String address = bind == null || bind.isBlank() ? "0.0.0.0" : bind;
        ipLiteral(address, "input.bind");
        if (multicastGroup != null) {
            if (!ipLiteral(multicastGroup, "input.multicastGroup").isMulticastAddress()) {
                throw invalid("input.multicastGroup must be a multicast address (224.0.0.0 to 239.255.255.255), not " + multicastGroup);
            }
            if (networkInterface == null) {
                throw invalid("input.interface is required with a multicast group: name the network interface that receives it, e.g. eth0");
            }
        }
        if (networkInterface != null) {
            checkInterface(networkInterface);
        }
        if (sourceAddress != null) {
            ipLiteral(sourceAddress, "input.sourceAddress");
        }
        return new InputDefinition(address, port, multicastGroup, networkInterface, sourceAddress);
    }

    /** The address the ingest route binds: the group for multicast, else the bind address. */
    public String listenAddress() {
        return multicastGroup != null ? multicastGroup : bind;
    }

    static InetAddress ipLiteral(String text, String field) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            throw invalid(field + " must be an IP address such as 192.0.2.10, not '" + text + "'");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw invalid(field + " must be an IP address such as 192.0.2.10, not '" + text + "'");
        }
    }

    private static void checkInterface(String name) {
        if (!INTERFACE.matcher(name).matches()) {
            throw invalid("input.interface must be a network interface name such as eth0, not '" + name + "'");
        }
        try {
            if (NetworkInterface.getByName(name) == null) {
                throw invalid("network interface '" + name + "' does not exist on this server; it has: "
                        + String.join(", ", NetworkInterface.networkInterfaces().map(NetworkInterface::getName).toList()));
            }
        } catch (SocketException e) {
            throw invalid("could not list this server's network interfaces: " + e.getMessage());
        }
    }
}
