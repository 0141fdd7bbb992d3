package org.medialive.distributor.ingest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The senders a channel accepts datagrams from: addresses and CIDR ranges, IPv4 or IPv6
 * ({@code 198.51.100.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32}); none set accepts any.
 * Matching allocates nothing in the steady state: Java hands the receive path the same
 * {@link InetSocketAddress} object for as long as datagrams come from the same sender, so the
 * verdict for the last sender is kept and only a new sender is looked at (and its address bytes
 * copied once). Not thread-safe: the channel's receiver serialises calls.
 */
public final class SourceFilter {

    public static final SourceFilter ANY = new SourceFilter(new byte[0][], new int[0]);

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

    private final byte[][] networks;
    private final int[] prefixes;
    private InetSocketAddress lastSender;
    private boolean lastVerdict;

    private SourceFilter(byte[][] networks, int[] prefixes) {
        this.networks = networks;
        this.prefixes = prefixes;
    }

    /**
     * @param entries addresses or CIDR ranges; null or empty accepts any sender
     * @throws IllegalArgumentException naming the entry that is neither, and why
     */
    public static SourceFilter of(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            return ANY;
        }
        byte[][] networks = new byte[entries.size()][];
        int[] prefixes = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i) == null ? "" : entries.get(i).trim();
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
                throw new IllegalArgumentException("'" + entries.get(i) + "' is neither an IP address such as 198.51.100.7 nor a CIDR range such as 198.51.100.0/24");
            }
            networks[i] = bytes(address, entries.get(i));
            int bits = networks[i].length * 8;
            prefixes[i] = bits;
            if (slash >= 0) {
                String prefix = entry.substring(slash + 1);
                if (!PREFIX.matcher(prefix).matches() || Integer.parseInt(prefix) > bits) {
                    throw new IllegalArgumentException("'" + entries.get(i) + "' has a prefix length that is not a number from 0 to " + bits);
                }
                prefixes[i] = Integer.parseInt(prefix);
            }
        }
        return new SourceFilter(networks, prefixes);
    }

    public boolean acceptsAny() {
        return networks.length == 0;
    }

    /** Whether a datagram from {@code sender} is accepted; null (unknown sender) only when any is. */
    boolean accepts(InetSocketAddress sender) {
        if (networks.length == 0) {
            return true;
        }
        if (sender == null) {
            return false;
        }
        if (sender != lastSender) {
            lastVerdict = sender.getAddress() != null && matches(sender.getAddress().getAddress());
            lastSender = sender;
        }
        return lastVerdict;
    }

    private boolean matches(byte[] address) {
        for (int i = 0; i < networks.length; i++) {
            if (networks[i].length == address.length && samePrefix(networks[i], address, prefixes[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] network, byte[] address, int prefix) {
        int whole = prefix / 8;
        for (int b = 0; b < whole; b++) {
            if (network[b] != address[b]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (network[whole] & mask) == (address[whole] & mask);
    }

    private static byte[] bytes(String literal, String entry) {
        try {
            return InetAddress.getByName(literal).getAddress(); // checked to be a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "' is not a valid IP address");
        }
    }
}
