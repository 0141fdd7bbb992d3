package org.medialive.distributor.channel;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** input.sourceAddress: a list of addresses and CIDR ranges, each checked with a message that names it. */
class InputSourceAddressTest {

    private static InputDefinition input(List<String> sources) {
        return new InputDefinition(null, 5000, null, null, sources).validated();
    }

    @Test
    void addressesAndRangesOfBothFamiliesAreAccepted() {
        InputDefinition input = input(List.of(" 198.51.100.7", "198.51.100.0/24", "2001:db8::/32", "::1"));
        assertThat(input.sourceAddress()).containsExactly("198.51.100.7", "198.51.100.0/24", "2001:db8::/32", "::1");
        assertThat(input.acceptsAnySource()).isFalse();
    }

    @Test
    void noneOrAnEmptyListAcceptsAnySource() {
        assertThat(input(null).acceptsAnySource()).isTrue();
        assertThat(input(List.of()).acceptsAnySource()).isTrue();
    }

    @Test
    void aHostNameIsRefusedWithTheEntryNamed() {
        assertThatThrownBy(() -> input(List.of("198.51.100.7", "medialive.example.com")))
                .isInstanceOf(RequestRejectedException.class)
                .hasMessageContaining("input.sourceAddress")
                .hasMessageContaining("'medialive.example.com'")
                .hasMessageContaining("CIDR range such as 198.51.100.0/24");
    }

    @Test
    void aPrefixLongerThanTheAddressIsRefused() {
        assertThatThrownBy(() -> input(List.of("198.51.100.0/33")))
                .isInstanceOf(RequestRejectedException.class)
                .hasMessageContaining("'198.51.100.0/33' has a prefix length that is not a number from 0 to 32");
        assertThatThrownBy(() -> input(List.of("10.0.0.0/x"))).hasMessageContaining("from 0 to 32");
        assertThatThrownBy(() -> input(List.of("2001:db8::/129"))).hasMessageContaining("from 0 to 128");
    }

    @Test
    void shellTricksAndNullsAreRefused() {
        assertThatThrownBy(() -> input(List.of("10.0.0.1; rm -rf /"))).hasMessageContaining("input.sourceAddress");
        assertThatThrownBy(() -> input(Collections.singletonList(null))).hasMessageContaining("''");
    }

    @Test
    void tooManyEntriesAreRefused() {
        List<String> many = java.util.stream.IntStream.range(0, 33).mapToObj(i -> "10.0.0." + i).toList();
        assertThatThrownBy(() -> input(many)).hasMessageContaining("at most 32");
    }
}
