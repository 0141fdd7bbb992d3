package org.medialive.distributor.output.udp;

import java.util.List;
import java.util.Map;
import org.medialive.distributor.output.Destination;
import org.medialive.distributor.output.OutputStatus;

/**
 * A plain UDP MPEG-TS destination, unicast or multicast: srt-live-transmit sends the
 * channel's transport stream unchanged, 7 TS packets (1316 bytes) per datagram.
 * A UDP URL holds no secret.
 *
 * @param options ttl and adapter, as checked by {@link UdpUrlParser}
 */
public record UdpDestination(String host, int port, boolean multicast, Map<String, String> options) implements Destination {

    @Override
    public String protocol() {
        return "udp";
    }

    @Override
    public String maskedUrl() {
        return processUrl();
    }

    @Override
    public String processUrl() {
        StringBuilder url = new StringBuilder("udp://").append(host).append(':').append(port);
        char separator = '?';
        for (Map.Entry<String, String> option : options.entrySet()) {
            url.append(separator).append(option.getKey()).append('=').append(option.getValue());
            separator = '&';
        }
        return url.toString();
    }

    @Override
    public List<String> secrets() {
        return List.of();
    }

    @Override
    public Destination keepingSecretsOf(Destination previous) {
        return this;
    }

    @Override
    public ProcessObserver observe(OutputStatus status) {
        return new UdpProcessObserver(this, status);
    }

    /** "multicast to 239.1.1.1:5000" or "unicast to 192.0.2.10:5000", for messages. */
    String describe() {
        return (multicast ? "multicast to " : "unicast to ") + host + ":" + port;
    }
}
