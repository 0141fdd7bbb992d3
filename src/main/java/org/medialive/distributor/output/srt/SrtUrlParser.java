package org.medialive.distributor.output.srt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.medialive.distributor.output.UrlParts;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * Checks an {@code srt://host:port?options} URL strictly: every value ends up on the
 * command line of srt-live-transmit, so only known options with plain values pass.
 */
public final class SrtUrlParser {

    private static final Pattern PASSPHRASE = Pattern.compile("[A-Za-z0-9._~+/@:,!*-]{10,79}");
    private static final Pattern STREAM_ID = Pattern.compile("[A-Za-z0-9._~+/@:,!*#=-]{1,512}");
    private static final List<String> OPTIONS = List.of("mode", "latency", "passphrase", "pbkeylen", "streamid");

    private SrtUrlParser() {
    }

    public static SrtDestination parse(String url) {
        UrlParts parts = UrlParts.split(url, "srt");
        if (!parts.path().isEmpty()) {
            throw invalid("SRT URLs have no path: put options after '?', e.g. srt://203.0.113.10:9000?mode=caller&latency=200");
        }
        Map<String, String> given = parts.query();
        for (String key : given.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw invalid("unknown SRT option '" + key + "': supported are " + String.join(", ", OPTIONS));
            }
        }
        String mode = given.getOrDefault("mode", "caller");
        if (!mode.equals("caller") && !mode.equals("listener")) {
            throw invalid("SRT mode must be 'caller' (we connect to the receiver) or 'listener' (the receiver connects to us), not '" + mode + "'");
        }
        if (mode.equals("caller") && parts.host().isEmpty()) {
            throw invalid("an SRT caller needs the receiver's host, e.g. srt://203.0.113.10:9000?mode=caller");
        }
        if (parts.port() < 0) {
            throw invalid("an SRT URL needs a port, e.g. srt://203.0.113.10:9000?mode=caller");
        }
        if (parts.port() < 1024) {
            throw invalid("SRT port must be between 1024 and 65535 (srt-live-transmit refuses lower ports), not " + parts.port());
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("mode", mode);
        if (given.containsKey("latency")) {
            int latency = UrlParts.number(given.get("latency"), "SRT latency");
            if (latency < 20 || latency > 8000) {
                throw invalid("SRT latency is in milliseconds, between 20 and 8000, not " + latency);
            }
            options.put("latency", Integer.toString(latency));
        }
        String passphrase = given.get("passphrase");
        if (passphrase != null) {
            if (!passphrase.equals(SrtDestination.MASK) && !PASSPHRASE.matcher(passphrase).matches()) {
                throw invalid("SRT passphrase must be 10 to 79 characters: letters, digits and . _ ~ + / @ : , ! * -");
            }
            options.put("passphrase", passphrase);
        }
        if (given.containsKey("pbkeylen")) {
            String length = given.get("pbkeylen");
            if (!length.equals("16") && !length.equals("24") && !length.equals("32")) {
                throw invalid("SRT pbkeylen (AES key length in bytes) must be 16, 24 or 32, not '" + length + "'");
            }
            if (passphrase == null) {
                throw invalid("SRT pbkeylen needs a passphrase: add passphrase=... or remove pbkeylen");
            }
            options.put("pbkeylen", length);
        }
        String streamId = given.get("streamid");
        if (streamId != null) {
            if (!streamId.equals(SrtDestination.MASK) && !STREAM_ID.matcher(streamId).matches()) {
                throw invalid("SRT streamid must be 1 to 512 characters: letters, digits and . _ ~ + / @ : , ! * # = -");
            }
            options.put("streamid", streamId);
        }
        return new SrtDestination(parts.host(), parts.port(), Collections.unmodifiableMap(options));
    }
}
