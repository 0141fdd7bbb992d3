package org.medialive.distributor.ingest;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceFilterTest {

    private static InetSocketAddress from(String address) {
        return new InetSocketAddress(address, 5000);
    }

    @Test
    void anAddressMatchesOnlyItself() {
        SourceFilter filter = SourceFilter.of(List.of("198.51.100.7"));
        assertThat(filter.accepts(from("198.51.100.7"))).isTrue();
        assertThat(filter.accepts(from("198.51.100.8"))).isFalse();
        assertThat(filter.accepts(null)).isFalse();
    }

    @Test
    void rangesMatchOnTheirPrefixBits() {
        SourceFilter filter = SourceFilter.of(List.of("10.1.0.0/23", "2001:db8:8000::/33"));
        assertThat(filter.accepts(from("10.1.1.255"))).isTrue();
        assertThat(filter.accepts(from("10.1.2.0"))).isFalse();
        assertThat(filter.accepts(from("2001:db8:ffff::1"))).isTrue();
        assertThat(filter.accepts(from("2001:db8:7fff::1"))).isFalse();
        assertThat(filter.accepts(from("10.0.0.1"))).isFalse();
    }

    @Test
    void theVerdictFollowsTheSenderNotTheLastOne() {
        SourceFilter filter = SourceFilter.of(List.of("127.0.0.0/30"));
        InetSocketAddress good = from("127.0.0.2");
        InetSocketAddress bad = from("127.0.0.9");
        assertThat(filter.accepts(good)).isTrue();
        assertThat(filter.accepts(good)).isTrue();
        assertThat(filter.accepts(bad)).isFalse();
        assertThat(filter.accepts(good)).isTrue();
    }

    @Test
    void noEntriesAcceptAnySender() {
        assertThat(SourceFilter.of(List.of()).accepts(from("203.0.113.1"))).isTrue();
        assertThat(SourceFilter.of(null).acceptsAny()).isTrue();
        assertThat(SourceFilter.of(List.of("0.0.0.0/0")).accepts(from("203.0.113.1"))).isTrue();
    }

    /** The filter's no-allocation promise rests on this: one sender, one address object, datagram after datagram. */
    @Test
    void javaHandsTheSameSenderObjectForEveryDatagramOfOneSender() throws Exception {
        try (java.nio.channels.DatagramChannel receiver = java.nio.channels.DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             java.net.DatagramSocket sender = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < 3; i++) {
                sender.send(new java.net.DatagramPacket(new byte[10], 10, receiver.getLocalAddress()));
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(64);
            java.net.SocketAddress first = receiver.receive(buffer.clear());
            assertThat(receiver.receive(buffer.clear())).isSameAs(first);
            assertThat(receiver.receive(buffer.clear())).isSameAs(first);
        }
    }
}
