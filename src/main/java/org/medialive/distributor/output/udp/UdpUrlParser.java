package org.medialive.distributor.output.udp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.medialive.distributor.output.UrlParts;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * Checks a {@code udp://host:port?ttl=N&adapter=ADDRESS} URL. Only the options
 * srt-live-transmit's UDP target was seen to accept pass (docs/OUTPUTS.md): ttl (IP_TTL, or
 * IP_MULTICAST_TTL for a group) and, for a multicast group, adapter (the local IPv4 address
 * of the interface to send from, IP_MULTICAST_IF).
 */
public final class UdpUrlParser {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final List<String> OPTIONS = List.of("ttl", "adapter");

    private UdpUrlParser() {
    }

    public static UdpDestination parse(String url) {
        UrlParts parts = UrlParts.split(url, "udp");
        if (!parts.path().isEmpty()) {
            throw invalid("UDP URLs have no path: udp://HOST:PORT?ttl=N, e.g. udp://239.1.1.1:5000?ttl=4");
        }
        if (parts.userInfo() != null) {
            throw invalid("UDP URLs have no user part: udp://HOST:PORT");
        }
        if (parts.host().isEmpty() || parts.port() < 0) {
            throw invalid("a UDP URL needs the receiver's host and port, e.g. udp://192.0.2.10:5000 or udp://239.1.1.1:5000?ttl=4");
        }
        if (parts.host().contains(":")) {
            throw invalid("UDP outputs send over IPv4: give an IPv4 address or a host name, not an IPv6 address");
        }
        boolean multicast = multicast(parts.host());
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : parts.query().entrySet()) {
            String key = option.getKey();
            String value = option.getValue();
            switch (key) {
                case "ttl" -> {
                    int ttl = UrlParts.number(value, "UDP ttl");
                    if (ttl < 1 || ttl > 255) {
                        throw invalid("UDP ttl (hops) must be between 1 and 255, not " + ttl);
                    }
                    options.put("ttl", Integer.toString(ttl));
                }
                case "adapter" -> {
                    if (!multicast) {
                        throw invalid("UDP adapter chooses the interface for a multicast group (224.0.0.0 to 239.255.255.255); "
                                + parts.host() + " is not one: remove adapter");
                    }
                    if (!IPV4.matcher(value).matches()) {
                        throw invalid("UDP adapter is the IPv4 address of the interface to send from, e.g. adapter=10.0.0.5, not '" + value + "'");
                    }
                    options.put("adapter", value);
                }
                default -> throw invalid("unknown UDP option '" + key + "': supported are " + String.join(", ", OPTIONS));
            }
        }
        return new UdpDestination(parts.host(), parts.port(), multicast, options);
    }

    private static boolean multicast(String host) {
        if (!IPV4.matcher(host).matches()) {
            return false;
        }
        int first = Integer.parseInt(host.substring(0, host.indexOf('.')));
        return first >= 224 && first <= 239;
    }
}
