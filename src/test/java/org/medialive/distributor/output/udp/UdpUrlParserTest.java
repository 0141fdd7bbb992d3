package org.medialive.distributor.output.udp;

import org.junit.jupiter.api.Test;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.output.Destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UdpUrlParserTest {

    @Test
    void acceptsUnicastAndMulticastWithTheOptionsSrtLiveTransmitTakes() {
        UdpDestination unicast = UdpUrlParser.parse("udp://192.0.2.10:5000?ttl=8");
        assertThat(unicast.multicast()).isFalse();
        assertThat(unicast.processUrl()).isEqualTo("udp://192.0.2.10:5000?ttl=8");
        UdpDestination group = (UdpDestination) Destinations.parse("UDP://239.1.1.1:5000?adapter=10.0.0.5&TTL=4");
        assertThat(group.multicast()).isTrue();
        assertThat(group.maskedUrl()).isEqualTo("udp://239.1.1.1:5000?adapter=10.0.0.5&ttl=4");
        assertThat(group.secrets()).isEmpty();
        assertThat(group.carriesScte35()).isTrue();
        assertThat(group.routeTemplate()).isEqualTo("udp-output");
    }

    @Test
    void refusesWhatSrtLiveTransmitWouldMisread() {
        assertRejected("udp://239.1.1.1:5000?ttl=0", "between 1 and 255");
        assertRejected("udp://239.1.1.1:5000?ttl=abc", "whole number");
        assertRejected("udp://192.0.2.10:5000?adapter=10.0.0.5", "multicast group");
        assertRejected("udp://239.1.1.1:5000?adapter=eth0", "IPv4 address of the interface");
        assertRejected("udp://239.1.1.1:5000?iptos=184", "unknown UDP option 'iptos'");
        assertRejected("udp://239.1.1.1", "host and port");
        assertRejected("udp://:5000", "host and port");
        assertRejected("udp://239.1.1.1:5000/x", "no path");
        assertRejected("udp://[2001:db8::1]:5000", "IPv4");
        assertRejected("udp://239.1.1.1:5000;rm", "';'");
    }

    private static void assertRejected(String url, String reason) {
        assertThatThrownBy(() -> Destinations.parse(url)).as(url)
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining(reason);
    }
}
