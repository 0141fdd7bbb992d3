package org.medialive.distributor.channel;

import org.junit.jupiter.api.Test;
import org.medialive.distributor.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SrtInputUrlTest {

    private static InputDefinition srt(String url) {
        return InputDefinition.srt(url).validated();
    }

    @Test
    void listenerAndCallerAreAcceptedAndMasked() {
        InputDefinition listener = srt("srt://:9000?mode=listener&passphrase=0123456789abc&latency=2000");
        assertThat(listener.udpPort()).isEqualTo(9000);
        assertThat(listener.masked().srt()).isEqualTo("srt://:9000?mode=listener&latency=2000&passphrase=***");
        InputDefinition caller = srt("srt://203.0.113.10:9000?mode=caller&passphrase=0123456789abc");
        assertThat(caller.udpPort()).isNull();
        assertThat(caller.acceptsAnySource()).isFalse();
    }

    @Test
    void udpFieldsNextToSrtAndBadUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new InputDefinition(null, 5000, null, null, null, null, "srt://:9000?mode=listener").validated())
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("input.srt replaces port");
        assertThatThrownBy(() -> srt("srt://:9000?mode=listener&passphrase=short"))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("input.srt: SRT passphrase must be 10 to 79");
        assertThatThrownBy(() -> srt("srt://:9000?mode=listener&evil=1"))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("unknown SRT option");
    }

    @Test
    void maskedPassphraseKeepsTheStoredOneOnlyForTheSamePlace() {
        InputDefinition stored = srt("srt://:9000?mode=listener&passphrase=0123456789abc");
        InputDefinition edit = srt("srt://:9000?mode=listener&passphrase=***&latency=500");
        assertThat(edit.keepingSecretsOf(stored).srt()).isEqualTo("srt://:9000?mode=listener&latency=500&passphrase=0123456789abc");
        assertThatThrownBy(() -> srt("srt://:9001?mode=listener&passphrase=***").keepingSecretsOf(stored))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("port changed");
        assertThatThrownBy(() -> edit.keepingSecretsOf(null))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("type the passphrase");
    }
}
