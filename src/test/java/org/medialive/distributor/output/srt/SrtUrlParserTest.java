package org.medialive.distributor.output.srt;

import org.junit.jupiter.api.Test;
import org.medialive.distributor.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SrtUrlParserTest {

    @Test
    void keepsOptionsAndMasksSecrets() {
        SrtDestination d = SrtUrlParser.parse("srt://cdn.example.com:9000?latency=200&passphrase=0123456789abc&pbkeylen=16&streamid=#!::r=live/key");
        assertThat(d.processUrl()).isEqualTo("srt://cdn.example.com:9000?mode=caller&latency=200&passphrase=0123456789abc&pbkeylen=16&streamid=#!::r=live/key");
        assertThat(d.maskedUrl()).isEqualTo("srt://cdn.example.com:9000?mode=caller&latency=200&passphrase=***&pbkeylen=16&streamid=***");
        assertThat(d.secrets()).containsExactly("0123456789abc", "#!::r=live/key");
    }

    @Test
    void listenerMayOmitTheHostAndIPv6IsBracketed() {
        assertThat(SrtUrlParser.parse("srt://:9000?mode=listener").processUrl()).isEqualTo("srt://:9000?mode=listener");
        assertThat(SrtUrlParser.parse("srt://[::1]:9000").processUrl()).isEqualTo("srt://[::1]:9000?mode=caller");
    }

    @Test
    void aMaskedSecretIsTakenFromThePreviousDestination() {
        SrtDestination old = SrtUrlParser.parse("srt://h:9000?passphrase=0123456789abc");
        SrtDestination edited = SrtUrlParser.parse("srt://h:9001?passphrase=***");
        assertThat(edited.keepingSecretsOf(old).processUrl()).isEqualTo("srt://h:9001?mode=caller&passphrase=0123456789abc");
    }

    @Test
    void refusesShellMetacharactersAndUnknownSchemes() {
        assertThatThrownBy(() -> SrtUrlParser.parse("srt://h:9000?streamid=$(reboot)"))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("'$'");
        assertThatThrownBy(() -> SrtUrlParser.parse("srt://h:9000?passphrase=abc`id`defgh"))
                .hasMessageContaining("'`'");
        assertThatThrownBy(() -> SrtUrlParser.parse("udp://h:9000")).hasMessageContaining("unknown scheme");
    }
}
