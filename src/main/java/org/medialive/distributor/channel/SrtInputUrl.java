package org.medialive.distributor.channel;

import org.medialive.distributor.output.Destination;
import org.medialive.distributor.output.srt.SrtDestination;
import org.medialive.distributor.output.srt.SrtUrlParser;
import org.medialive.distributor.RequestRejectedException;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * The {@code input.srt} URL of a channel: checked by the same parser as SRT outputs (every value
 * ends up on srt-live-transmit's command line), masked and kept like theirs. Listener mode
 * (MediaLive's SRT output group calls us) or caller mode (we call MediaLive's listener).
 */
final class SrtInputUrl {

    private static final String MASK = "***";

    private SrtInputUrl() {
    }

    /** The input with its URL in canonical form; the UDP fields must be absent (the URL says it all). */
    static InputDefinition validated(InputDefinition input) {
        if (input.port() != null || input.bind() != null || input.multicastGroup() != null
                || input.networkInterface() != null || input.sourceAddress() != null && !input.sourceAddress().isEmpty()) {
            throw invalid("input.srt replaces port, bind, multicastGroup, interface and sourceAddress (the SRT URL carries"
                    + " the port; SRT checks the sender by its passphrase): remove them");
        }
        SrtDestination url = parse(input.srt());
        return InputDefinition.srt(url.processUrl());
    }

    static SrtDestination parse(String srt) {
        try {
            return SrtUrlParser.parse(srt);
        } catch (RequestRejectedException e) {
            throw invalid("input.srt: " + e.getMessage()
                    + " (listener: srt://:9000?mode=listener&passphrase=...; caller: srt://203.0.113.10:9000?mode=caller&passphrase=...)");
        }
    }

    static String masked(String srt) {
        return parse(srt).maskedUrl();
    }

    static Integer listenPort(String srt) {
        SrtDestination url = parse(srt);
        return url.listener() ? url.port() : null;
    }

    static InputDefinition keepingSecretsOf(InputDefinition requested, InputDefinition previous) {
        if (!parse(requested.srt()).secrets().contains(MASK)) {
            return requested;
        }
        if (previous == null || previous.srt() == null) {
            throw invalid("input.srt: passphrase=*** keeps a stored passphrase, and this input has none: type the passphrase");
        }
        Destination kept = KeptSecrets.resolve(requested.srt(), parse(previous.srt()));
        return InputDefinition.srt(kept.processUrl());
    }
}
