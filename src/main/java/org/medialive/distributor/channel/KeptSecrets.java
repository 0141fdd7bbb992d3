package org.medialive.distributor.channel;

import org.medialive.distributor.output.Destination;
import org.medialive.distributor.output.Destinations;
import org.medialive.distributor.output.UrlParts;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * An edit may leave a secret as *** to keep the stored one, but only while the URL still points
 * at the same place: same scheme, host, port and path. Otherwise "rtmp://attacker/live/***"
 * would send the stored stream key to another host, and rtmps to rtmp would strip its TLS.
 */
final class KeptSecrets {

    private static final String MASK = "***";

    private KeptSecrets() {
    }

    /** The destination {@code requestedUrl} names, with masked secrets taken from {@code current}. */
    static Destination resolve(String requestedUrl, Destination current) {
        Destination requested = Destinations.parse(requestedUrl);
        if (!requested.secrets().contains(MASK)) {
            return requested;
        }
        UrlParts wanted = UrlParts.split(requestedUrl, "srt", "rtmp", "rtmps");
        UrlParts stored = UrlParts.split(current.maskedUrl(), "srt", "rtmp", "rtmps");
        String moved = wanted.scheme().equals(stored.scheme()) ? null : "scheme";
        if (moved == null && !wanted.host().equalsIgnoreCase(stored.host())) {
            moved = "host";
        } else if (moved == null && wanted.port() != stored.port()) {
            moved = "port";
        } else if (moved == null && !wanted.path().equals(stored.path())) {
            moved = "path";
        }
        if (moved != null) {
            throw invalid("the URL's " + moved + " changed, so its *** cannot keep the stored secret (it would go to"
                    + " another place): type the passphrase or stream key again");
        }
        return requested.keepingSecretsOf(current);
    }
}
