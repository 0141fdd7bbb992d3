package org.medialive.distributor.output.rtmp;

import java.util.regex.Pattern;
import org.medialive.distributor.output.UrlParts;

import static org.medialive.distributor.RequestRejectedException.invalid;

/** Checks an {@code rtmp[s]://[user:password@]host[:port]/app/streamkey} URL. */
public final class RtmpUrlParser {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~+=@:,!*-]{1,256}");

    private RtmpUrlParser() {
    }

    public static RtmpDestination parse(String url) {
        UrlParts parts = UrlParts.split(url, "rtmp", "rtmps");
        if (parts.host().isEmpty()) {
            throw invalid("an RTMP URL needs a host, e.g. rtmp://a.rtmp.example.com/live/STREAM-KEY");
        }
        String path = parts.path();
        int lastSlash = path.lastIndexOf('/');
        if (lastSlash <= 0 || lastSlash == path.length() - 1) {
            throw invalid("an RTMP URL needs an application and a stream key: "
                    + parts.scheme() + "://host/app/STREAM-KEY");
        }
        String app = path.substring(0, lastSlash);
        String key = path.substring(lastSlash + 1);
        for (String segment : app.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw invalid("RTMP application '" + app + "' may hold only letters, digits and . _ ~ + = @ : , ! * - between slashes");
            }
        }
        if (!SEGMENT.matcher(key).matches()) {
            throw invalid("RTMP stream key must be 1 to 256 characters: letters, digits and . _ ~ + = @ : , ! * -");
        }
        String query = null;
        if (!parts.query().isEmpty()) {
            int q = url.indexOf('?');
            query = url.substring(q + 1);
        }
        if (parts.userInfo() != null && !SEGMENT.matcher(parts.userInfo()).matches()) {
            throw invalid("RTMP user:password may hold only letters, digits and . _ ~ + = @ : , ! * -");
        }
        return new RtmpDestination(parts.scheme(), parts.userInfo(), parts.host(), parts.port(), app, key, query);
    }
}
