package org.medialive.distributor.channel;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.medialive.distributor.ingest.SourceFilter;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * A channel's UDP input, where MediaLive (or any RTP/UDP MPEG-TS sender) sends it.
 *
 * @param bind             local address to receive on; 0.0.0.0 for every interface
 * @param port             UDP port, 1024 to 65535
 * @param multicastGroup   group to join (224.0.0.0/4), or null for unicast
 * @param networkInterface interface that receives the multicast group, e.g. eth0
 * @param sourceAddress    only datagrams from these addresses or CIDR ranges are accepted
 *                         (a single string is taken as a list of one); null or empty accepts any
 *                         sender, and the channel then shows a warning
 * @param fec              SMPTE 2022-1 FEC: also receive column FEC on port + 2 and row FEC on
 *                         port + 4 and rebuild lost packets; off (false or absent) by default,
 *                         because it holds the stream back by up to 2 x L x D packets (RTP only)
 * @param srt              an SRT input instead of RTP/UDP ({@link SrtInputUrl}): srt://:9000?mode=listener&passphrase=...
 *                         (MediaLive calls us) or srt://host:port?mode=caller&passphrase=... (we call MediaLive);
 *                         holds the passphrase, so it is shown masked ({@link #masked})
 */
public record InputDefinition(String bind, Integer port, String multicastGroup,
                              @JsonProperty("interface") String networkInterface,
                              @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> sourceAddress,
                              Boolean fec, String srt) {

    /** An RTP/UDP input without FEC. */
    public InputDefinition(String bind, Integer port, String multicastGroup, String networkInterface, List<String> sourceAddress) {
        this(bind, port, multicastGroup, networkInterface, sourceAddress, null, null);
    }

    /** An SRT input ({@link SrtInputUrl}). */
    static InputDefinition srt(String url) {
        return new InputDefinition(null, null, null, null, null, null, url);
    }

    /** More would make every new sender's check slow; MediaLive sends from one or two addresses. */
    static final int MOST_SOURCES = 32;

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9._-]{1,15}");

    /** Checks every field and fills in defaults; the message says what to fix. */
    public InputDefinition validated() {
        if (srt != null) {
            if (fecEnabled()) {
                throw invalid("input.fec applies to RTP inputs only: SRT repairs loss by retransmission; remove fec or srt");
            }
            return SrtInputUrl.validated(this);
        }
        if (port == null) {
            throw invalid("input.port is required: the UDP port MediaLive sends this channel to, e.g. 5000");
        }
        if (port < 1024 || port > 65535) {
            throw invalid("input.port must be between 1024 and 65535, not " + port
                    + (port > 0 && port < 1024 ? " (ports below 1024 are reserved for system services)" : ""));
        }
        if (fecEnabled() && port > 65535 - 4) {
            throw invalid("input.port must be at most 65531 with input.fec: FEC arrives on port + 2 and port + 4");
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
        List<String> sources = sourceAddress == null || sourceAddress.isEmpty() ? null : List.copyOf(sourceAddress.stream()
                .map(entry -> entry == null ? "" : entry.trim()).toList());
        if (sources != null && sources.size() > MOST_SOURCES) {
            throw invalid("input.sourceAddress lists " + sources.size() + " entries; at most " + MOST_SOURCES
                    + " (use CIDR ranges such as 198.51.100.0/24 for many senders)");
        }
        sourceFilter(sources);
        if (multicastGroup != null) {
            checkSourceFamilies(ipLiteral(multicastGroup, "input.multicastGroup"), sources);
        }
        return new InputDefinition(address, port, multicastGroup, networkInterface, sources, fecEnabled(), null);
    }

    /** The senders this input accepts; a 400 naming the entry when one is neither an address nor a CIDR range. */
    public static SourceFilter sourceFilter(List<String> sources) {
        try {
            return SourceFilter.of(sources);
        } catch (IllegalArgumentException e) {
            throw invalid("input.sourceAddress: " + e.getMessage());
        }
    }

    /** Whether SMPTE 2022-1 FEC is received and used on this input. */
    public boolean fecEnabled() {
        return Boolean.TRUE.equals(fec);
    }

    /** Whether any host may send to this input (no source address set). */
    public boolean acceptsAnySource() {
        return srt == null && (sourceAddress == null || sourceAddress.isEmpty());
    }

    /** As shown by the API and dashboard: the SRT passphrase as ***. */
    public InputDefinition masked() {
        return srt == null ? this : new InputDefinition(bind, port, multicastGroup, networkInterface, sourceAddress, fec, SrtInputUrl.masked(srt));
    }

    /** This input with a *** passphrase replaced by the one {@code previous} stores (null: none stored, refused). */
    public InputDefinition keepingSecretsOf(InputDefinition previous) {
        return srt == null ? this : SrtInputUrl.keepingSecretsOf(this, previous);
    }

    /** The local UDP port this input takes (an SRT listener's too), or null when it takes none (an SRT caller). */
    public Integer udpPort() {
        return srt == null ? port : SrtInputUrl.listenPort(srt);
    }

    /**
     * The senders a multicast input joins its group for, source-specifically (IGMPv3): every
     * sourceAddress entry when all are single addresses. Empty (an any-source join) for unicast,
     * without sourceAddress, or when an entry is a range: a range cannot be joined, and joining
     * only the single addresses would shut out the range's senders. The software source filter
     * applies in every case.
     */
    public List<InetAddress> joinedSources() {
        if (multicastGroup == null || sourceAddress == null || sourceAddress.isEmpty()
                || sourceAddress.stream().anyMatch(entry -> entry.contains("/"))) {
            return List.of();
        }
        return sourceAddress.stream().map(InputDefinition::checkedLiteral).toList();
    }

    /** A source-specific join needs sources of the group's family (an IPv4 group has IPv4 senders). */
    private static void checkSourceFamilies(InetAddress group, List<String> sources) {
        if (sources == null) {
            return;
        }
        for (String entry : sources) {
            if (!entry.contains("/") && checkedLiteral(entry).getClass() != group.getClass()) {
                throw invalid("input.sourceAddress " + entry + " cannot send to multicast group " + group.getHostAddress()
                        + ": a source and its group are both IPv4 or both IPv6");
            }
        }
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

    /** An entry {@link SourceFilter} has already accepted as an address literal: no name lookup. */
    private static InetAddress checkedLiteral(String entry) {
        try {
            return InetAddress.getByName(entry);
        } catch (UnknownHostException e) {
            throw invalid("input.sourceAddress: '" + entry + "' is not an IP address");
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
