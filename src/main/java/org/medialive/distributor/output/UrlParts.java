package org.medialive.distributor.output;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * A destination URL split into its parts, with the checks every protocol shares.
 * Parsed by hand rather than with java.net.URI, which accepts far more than a child
 * process's command line should ever see.
 *
 * @param port the port, or -1 when the URL names none
 * @param path the path without its leading '/', "" when there is none
 */
public record UrlParts(String scheme, String userInfo, String host, int port, String path,
                       Map<String, String> query) {

    private static final int MAX_LENGTH = 2048;
    private static final String FORBIDDEN = " \"'`$;|<>\\(){}^";
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Splits {@code url}, whose scheme must be one of {@code schemes}. */
    public static UrlParts split(String url, String... schemes) {
        if (url == null || url.isBlank()) {
            throw invalid("url is required, e.g. srt://203.0.113.10:9000?mode=caller or rtmp://a.rtmp.example.com/live/KEY");
        }
        if (url.length() > MAX_LENGTH) {
            throw invalid("url is longer than " + MAX_LENGTH + " characters");
        }
        for (char c : url.toCharArray()) {
            if (c < 0x21 || c > 0x7E || FORBIDDEN.indexOf(c) >= 0) {
                throw invalid("url contains " + describe(c) + ", which a destination URL may not contain");
            }
        }
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase();
        if (!java.util.List.of(schemes).contains(scheme)) {
            throw invalid("unknown scheme '" + scheme + "': destinations are srt://, rtmp://, rtmps:// or udp:// URLs");
        }
        String rest = url.substring(schemeEnd + 3);
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String path = slash < 0 ? "" : beforeQuery.substring(slash + 1);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hostPort = authority.substring(at + 1);
        String host = hostPort;
        int port = -1;
        int colon = hostPort.lastIndexOf(':');
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || !IPV6.matcher(hostPort.substring(1, close)).matches()) {
                throw invalid("url has a malformed IPv6 address: write it as [2001:db8::1]:9000");
            }
            host = hostPort.substring(1, close);
            colon = hostPort.indexOf(':', close);
            if (colon > close + 1 || (colon < 0 && close + 1 < hostPort.length())) {
                throw invalid("url has text after the IPv6 address: expected ]:port");
            }
        } else if (colon >= 0) {
            host = hostPort.substring(0, colon);
        }
        if (colon >= 0) {
            port = number(hostPort.substring(colon + 1), "port");
            if (port < 1 || port > 65535) {
                throw invalid("port must be between 1 and 65535, not " + port);
            }
        }
        if (!host.isEmpty() && !hostPort.startsWith("[") && !HOSTNAME.matcher(host).matches()) {
            throw invalid("'" + host + "' is not a valid host name or IPv4 address");
        }
        return new UrlParts(scheme, userInfo, host, port, path, parseQuery(query));
    }

    /** Parses a whole decimal number, with a message naming {@code what} if it is not one. */
    public static int number(String text, String what) {
        if (text == null || !text.matches("\\d{1,9}")) {
            throw invalid(what + " must be a whole number, not '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                // the pair may be a secret typed wrong: name its position, not its text
                throw invalid("url option " + (i + 1) + " after '?' is not of the form name=value");
            }
            String key = pair.substring(0, eq).toLowerCase();
            if (options.put(key, pair.substring(eq + 1)) != null) {
                throw invalid("url option '" + key + "' is given twice");
            }
        }
        return options;
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (c < 0x20 || c == 0x7F) {
            return "a control character";
        }
        if (c > 0x7E) {
            return "the non-ASCII character '" + c + "'";
        }
        return "'" + c + "'";
    }
}
