package org.medialive.distributor.output;

import static org.medialive.distributor.RequestRejectedException.invalid;

/** Turns an output URL into a checked {@link Destination}: its scheme chooses the {@link OutputKind}, whose validator checks it. */
public final class Destinations {

    private Destinations() {
    }

    public static Destination parse(String url) {
        int schemeEnd = url == null ? -1 : url.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase();
        OutputKind kind = OutputKinds.forScheme(scheme);
        if (kind != null) {
            return kind.parse(url);
        }
        // Checks the URL's characters first, so a bad URL is refused for what is wrong with it.
        UrlParts.split(url, OutputKinds.schemes().toArray(String[]::new));
        throw invalid("unknown scheme: destinations are srt://, rtmp://, rtmps:// or udp:// URLs");
    }
}
