package org.medialive.distributor.security;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress addresses = new ClientAddress(new TrustedProxies(List.of()));
        assertThat(addresses.of(from("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        ClientAddress addresses = new ClientAddress(new TrustedProxies(List.of("10.0.0.0/24", "127.0.0.1", "2001:db8::/32")));
        assertThat(addresses.of(from("10.0.0.5", "203.0.113.1"))).isEqualTo("203.0.113.1");
        assertThat(addresses.of(from("10.0.0.5", "1.2.3.4, 203.0.113.1, 10.0.0.9"))).as("client-written left part ignored").isEqualTo("203.0.113.1");
        assertThat(addresses.of(from("127.0.0.1", "1.2.3.4", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("10.0.0.5", "2001:db8::1, 2001:db8::2"))).as("all trusted: the left-most").isEqualTo("2001:db8::1");
        assertThat(addresses.of(from("10.0.0.5"))).as("no header").isEqualTo("10.0.0.5");
        assertThat(addresses.of(from("10.0.0.5", "evil.example.com"))).as("not an address").isEqualTo("10.0.0.5");
        assertThat(addresses.of(from("10.0.1.5", "203.0.113.1"))).as("not a trusted peer").isEqualTo("10.0.1.5");
    }

    @Test
    void aBadSettingStopsTheStartWithAReason() {
        assertThatThrownBy(() -> new ClientAddress(new TrustedProxies(List.of("proxy.example.com"))))
                .hasMessageContaining("distributor.security.trusted-proxies").hasMessageContaining("proxy.example.com");
    }
}
