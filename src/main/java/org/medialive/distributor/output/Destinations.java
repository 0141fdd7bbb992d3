package org.medialive.distributor.output;

import org.medialive.distributor.output.rtmp.RtmpUrlParser;
import org.medialive.distributor.output.srt.SrtUrlParser;

import static org.medialive.distributor.RequestRejectedException.invalid;

/** Turns an output URL into a checked {@link Destination}, by its scheme. */
public final class Destinations {

    private Destinations() {
    }

    public static Destination parse(String url) {
        int schemeEnd = url == null ? -1 : url.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase();
        return switch (scheme) {
            case "srt" -> SrtUrlParser.parse(url);
            case "rtmp", "rtmps" -> RtmpUrlParser.parse(url);
            default -> {
                UrlParts.split(url, "srt", "rtmp", "rtmps");
                throw invalid("unknown scheme: destinations are srt://, rtmp:// or rtmps:// URLs");
            }
        };
    }
}
