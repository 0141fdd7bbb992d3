package org.medialive.distributor.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The address a request really came from: the connection's peer, or, when that peer is a trusted
 * proxy ({@link TrustedProxies}), the right-most X-Forwarded-For entry that is not itself a trusted
 * proxy. Entries left of that were written by the client and prove nothing.
 */
@Component
class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Block> trusted = new ArrayList<>();

    ClientAddress(TrustedProxies proxies) {
        for (String entry : proxies.trustedProxies()) {
            trusted.add(Block.parse(entry.trim()));
        }
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (var header = request.getHeaders("X-Forwarded-For"); header.hasMoreElements(); ) {
            for (String hop : header.nextElement().split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (literal(hops.get(i)) == null) {
                break;  // not an address: whoever wrote it is not to be believed further
            }
            client = hops.get(i);
            if (!isTrusted(client)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(block -> block.contains(bytes));
    }

    /** The address's bytes if it is an IP literal; null otherwise (never a DNS lookup). */
    static byte[] literal(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || text.contains(":") && text.matches("[0-9A-Fa-f:.]{2,45}"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    /** An address block, e.g. 10.0.0.0/8, or one address. */
    private record Block(byte[] network, int prefix) {

        static Block parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("distributor.security.trusted-proxies: '" + text
                        + "' is not an IP address or CIDR block (e.g. 10.0.0.5 or 10.0.0.0/24)");
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("distributor.security.trusted-proxies: bad prefix length in '" + text + "'");
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
