package org.medialive.distributor.output.rtmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medialive.distributor.output.Destination;
import org.medialive.distributor.output.OutputDefinition;
import org.medialive.distributor.output.OutputStatus;

/**
 * An RTMP or RTMPS publishing point: FFmpeg remuxes the TS to FLV without transcoding.
 * The stream key (last path segment), any user:password and any query are secrets.
 *
 * @param app      the application path, e.g. "live" or "live/instance"
 * @param userInfo "user:password" or null
 * @param query    the query string or null
 */
public record RtmpDestination(String scheme, String userInfo, String host, int port, String app,
                              String streamKey, String query) implements Destination {

    static final String MASK = "***";

    @Override
    public String protocol() {
        return scheme;
    }

    @Override
    public String maskedUrl() {
        return url(true);
    }

    @Override
    public String processUrl() {
        return url(false);
    }

    @Override
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        secrets.add(streamKey);
        if (userInfo != null) {
            secrets.add(userInfo);
        }
        if (query != null) {
            secrets.add(query);
        }
        return secrets;
    }

    @Override
    public Destination keepingSecretsOf(Destination previous) {
        if (!(previous instanceof RtmpDestination old)) {
            return this;
        }
        return new RtmpDestination(scheme,
                MASK.equals(userInfo) ? old.userInfo : userInfo, host, port, app,
                MASK.equals(streamKey) ? old.streamKey : streamKey,
                MASK.equals(query) ? old.query : query);
    }

    /** FLV carries one audio track: the first by default, else the one chosen by PID or language. */
    @Override
    public Map<String, Object> routeParameters(OutputDefinition definition) {
        String audio = definition.audio();
        String map;
        if (audio == null) {
            map = "0:a:0?";
        } else if (audio.startsWith("pid:")) {
            map = "0:i:" + audio.substring(4) + "?";
        } else {
            map = "0:a:m:language:" + audio.substring(5) + "?";
        }
        return Map.of("audioMap", map);
    }

    @Override
    public ProcessObserver observe(OutputStatus status) {
        return new FfmpegProcessObserver(this, status);
    }

    String hostPort() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port < 0 ? h : h + ":" + port;
    }

    private String url(boolean masked) {
        StringBuilder url = new StringBuilder(scheme).append("://");
        if (userInfo != null) {
            url.append(masked ? MASK : userInfo).append('@');
        }
        url.append(hostPort()).append('/').append(app).append('/').append(masked ? MASK : streamKey);
        if (query != null) {
            url.append('?').append(masked ? MASK : query);
        }
        return url.toString();
    }
}
