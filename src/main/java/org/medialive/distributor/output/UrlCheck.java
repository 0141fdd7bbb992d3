package org.medialive.distributor.output;

import java.util.List;
import org.medialive.distributor.output.rtmp.RtmpUrlParser;
import org.medialive.distributor.output.srt.SrtUrlParser;
import org.medialive.distributor.output.udp.UdpUrlParser;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * The URL checks a descriptor can name as its {@code validator}. Each built-in one also brings
 * its status parser and secret masking (srt-live-transmit's JSON statistics, FFmpeg's progress),
 * which is why they stay in Java: every value of a URL ends up on a process's command line.
 * Each checks only its own schemes, so a kind's scheme is always its destinations' protocol.
 */
public enum UrlCheck {
    SRT("srt", List.of("srt")),
    RTMP("rtmp", List.of("rtmp", "rtmps")),
    UDP("udp", List.of("udp")),
    /** {@code scheme://HOST:PORT}, no path, user or options, no secret: for kinds made of files only. */
    HOST_PORT("host-port", List.of());

    private final String id;
    private final List<String> schemes;

    UrlCheck(String id, List<String> schemes) {
        this.id = id;
        this.schemes = schemes;
    }

    public String id() {
        return id;
    }

    /** The check a descriptor names, or null when there is none by that name. */
    public static UrlCheck named(String id) {
        for (UrlCheck check : values()) {
            if (check.id.equals(id)) {
                return check;
            }
        }
        return null;
    }

    /** The schemes this check reads; empty for host-port, which reads any scheme no built-in check claims. */
    public List<String> schemes() {
        return schemes;
    }

    /** Whether a kind with this scheme may use this check. */
    public boolean accepts(String scheme) {
        return schemes.isEmpty() ? builtIn().stream().noneMatch(scheme::equals) : schemes.contains(scheme);
    }

    /** Every scheme a built-in check reads: srt, rtmp, rtmps, udp. */
    public static List<String> builtIn() {
        return List.of(values()).stream().flatMap(c -> c.schemes.stream()).toList();
    }

    Destination parse(OutputKind kind, String url) {
        return switch (this) {
            case SRT -> SrtUrlParser.parse(url);
            case RTMP -> RtmpUrlParser.parse(url);
            case UDP -> UdpUrlParser.parse(url);
            case HOST_PORT -> hostPort(kind, url);
        };
    }

    private static Destination hostPort(OutputKind kind, String url) {
        String scheme = kind.scheme();
        UrlParts parts = UrlParts.split(url, scheme);
        if (!parts.path().isEmpty() || !parts.query().isEmpty() || parts.userInfo() != null) {
            throw invalid(scheme + " URLs are " + scheme + "://HOST:PORT, with no path, user or options");
        }
        if (parts.host().isEmpty() || parts.port() < 0) {
            throw invalid(scheme + " URLs need a host and a port: " + scheme + "://HOST:PORT");
        }
        return new FileKindDestination(kind, parts.host(), parts.port());
    }
}
