package org.medialive.distributor.channel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.output.Destination;
import org.medialive.distributor.output.Destinations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeptSecretsTest {

    private static final Destination RTMPS = Destinations.parse("rtmps://live.example.com:443/app/stream-key-1");
    private static final Destination SRT = Destinations.parse("srt://203.0.113.10:9000?mode=caller&passphrase=secret-pass-1");

    @Test
    void aMaskKeepsTheSecretWhenOnlyOptionsChange() {
        assertThat(KeptSecrets.resolve("rtmps://live.example.com:443/app/***", RTMPS).processUrl())
                .isEqualTo("rtmps://live.example.com:443/app/stream-key-1");
        assertThat(KeptSecrets.resolve("srt://203.0.113.10:9000?mode=caller&passphrase=***&latency=300", SRT).processUrl())
                .startsWith("srt://203.0.113.10:9000?").contains("passphrase=secret-pass-1").contains("latency=300");
        assertThat(KeptSecrets.resolve("RTMPS://LIVE.example.com:443/app/***", RTMPS).processUrl()).contains("stream-key-1");
    }

    @Test
    void aNewSecretGoesAnywhere() {
        assertThat(KeptSecrets.resolve("rtmp://other.example.com/live/new-key", RTMPS).processUrl())
                .isEqualTo("rtmp://other.example.com/live/new-key");
    }

    @ParameterizedTest
    @CsvSource({
            "rtmp://live.example.com:443/app/***, scheme",
            "rtmps://attacker.example.com:443/app/***, host",
            "rtmps://live.example.com/app/***, port",
            "rtmps://live.example.com:444/app/***, port",
            "rtmps://live.example.com:443/other/***, path",
            "srt://198.51.100.1:9000?mode=caller&passphrase=***, host",
            "srt://203.0.113.10:9001?mode=caller&passphrase=***, port",
    })
    void aMaskIsRefusedWhenTheUrlPointsElsewhere(String url, String part) {
        Destination current = url.startsWith("srt") ? SRT : RTMPS;
        assertThatThrownBy(() -> KeptSecrets.resolve(url, current))
                .isInstanceOf(RequestRejectedException.class)
                .hasMessageContaining("URL's " + part + " changed")
                .hasMessageContaining("type the passphrase or stream key again")
                .hasMessageNotContaining("stream-key-1").hasMessageNotContaining("secret-pass-1");
    }
}
