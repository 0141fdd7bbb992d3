package org.medialive.distributor.channel;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which inputs may share a UDP port: multicast inputs on different groups, nothing else. */
class InputPortsTest {

    private static InputDefinition unicast(int port) {
        return new InputDefinition("0.0.0.0", port, null, null, null);
    }

    private static InputDefinition group(String group, int port, boolean fec, String... sources) {
        return new InputDefinition("0.0.0.0", port, group, "lo", sources.length == 0 ? null : List.of(sources), fec, null);
    }

    @Test
    void differentGroupsShareAPort() {
        assertThat(InputPorts.overlap(group("239.1.1.1", 5000, false), group("239.1.1.2", 5000, false))).isFalse();
    }

    @Test
    void theSameGroupAndPortTwiceIsRefusedWhateverTheSources() {
        assertThat(InputPorts.overlap(group("239.1.1.1", 5000, false, "10.0.0.1"), group("239.1.1.1", 5000, false, "10.0.0.2"))).isTrue();
    }

    @Test
    void aGroupIsOneWhicheverWayItIsWritten() {
        assertThat(InputPorts.overlap(group("ff15::1", 5000, false), group("ff15:0:0:0:0:0:0:1", 5000, false))).isTrue();
    }

    @Test
    void aUnicastInputTakesTheWholePort() {
        assertThat(InputPorts.overlap(unicast(5000), group("239.1.1.1", 5000, false))).isTrue();
        assertThat(InputPorts.overlap(group("239.1.1.1", 5000, false), unicast(5000))).isTrue();
        assertThat(InputPorts.overlap(unicast(5000), unicast(5000))).isTrue();
        assertThat(InputPorts.overlap(unicast(5000), unicast(5005))).isFalse();
    }

    @Test
    void fecPortsFollowTheSameRule() {
        InputDefinition withFec = group("239.1.1.1", 5000, true);
        assertThat(InputPorts.overlap(withFec, group("239.1.1.2", 5002, false))).isFalse();
        assertThat(InputPorts.overlap(withFec, group("239.1.1.1", 5004, false))).isTrue();
        assertThat(InputPorts.overlap(withFec, unicast(5002))).isTrue();
        assertThat(InputPorts.describe(withFec)).isEqualTo("239.1.1.1:5000 (with FEC on 5002 and 5004)");
        assertThat(InputPorts.describe(unicast(5000))).isEqualTo("5000");
    }

    @Test
    void aBackupInputMayUseThePrimarysPortOnAnotherGroup() {
        InputDefinition primary = group("239.1.1.1", 5000, false).validated();
        assertThat(RedundantInputCheck.backup(primary, group("239.1.1.2", 5000, false))).isNotNull();
        assertThatThrownBy(() -> RedundantInputCheck.backup(primary, group("239.1.1.1", 5000, false)))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("239.1.1.1:5000");
    }

    @Test
    void singleSourcesOfAGroupAreJoinedSourceSpecifically() throws Exception {
        assertThat(group("232.1.1.1", 5000, false, "10.0.0.1", "10.0.0.2").validated().joinedSources())
                .containsExactly(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"));
        assertThat(group("232.1.1.1", 5000, false, "10.0.0.1", "10.1.0.0/16").validated().joinedSources())
                .as("a range cannot be joined: any-source, filtered in software").isEmpty();
        assertThat(group("232.1.1.1", 5000, false).validated().joinedSources()).isEmpty();
        assertThat(new InputDefinition("0.0.0.0", 5000, null, null, List.of("10.0.0.1")).validated().joinedSources())
                .as("unicast joins nothing").isEmpty();
    }

    @Test
    void aSourceOfAnotherFamilyThanTheGroupIsRefused() {
        assertThatThrownBy(() -> group("232.1.1.1", 5000, false, "2001:db8::1").validated())
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("both IPv4 or both IPv6");
    }
}
