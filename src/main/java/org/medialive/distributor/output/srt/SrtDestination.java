package org.medialive.distributor.output.srt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medialive.distributor.output.Destination;
import org.medialive.distributor.output.OutputStatus;

/**
 * An SRT destination for srt-live-transmit: caller (we connect to host:port) or listener
 * (we wait on port for the receiver to connect). The transport stream goes out unchanged.
 *
 * @param host    address to call, or to listen on ("" = every interface, listener only)
 * @param options SRT options in the order given (mode, latency, passphrase, pbkeylen, streamid)
 */
public record SrtDestination(String host, int port, Map<String, String> options) implements Destination {

    static final String MASK = "***";
    static final List<String> SECRET_OPTIONS = List.of("passphrase", "streamid");

    public boolean listener() {
        return "listener".equals(options.get("mode"));
    }

    @Override
    public String protocol() {
        return "srt";
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
        for (String option : SECRET_OPTIONS) {
            if (options.containsKey(option)) {
                secrets.add(options.get(option));
            }
        }
        return secrets;
    }

    @Override
    public Destination keepingSecretsOf(Destination previous) {
        if (!(previous instanceof SrtDestination old)) {
            return this;
        }
        Map<String, String> merged = new java.util.LinkedHashMap<>(options);
        for (String option : SECRET_OPTIONS) {
            if (MASK.equals(merged.get(option)) && old.options.containsKey(option)) {
                merged.put(option, old.options.get(option));
            }
        }
        return new SrtDestination(host, port, merged);
    }

    @Override
    public ProcessObserver observe(OutputStatus status) {
        return new SrtProcessObserver(this, status);
    }

    /** "caller to host:port" or "listener on :port", for messages. */
    String describe() {
        return listener() ? "listening on " + hostPort() : "calling " + hostPort();
    }

    String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private String url(boolean masked) {
        StringBuilder url = new StringBuilder("srt://").append(hostPort());
        char separator = '?';
        for (Map.Entry<String, String> option : options.entrySet()) {
            boolean secret = SECRET_OPTIONS.contains(option.getKey());
            url.append(separator).append(option.getKey()).append('=')
                    .append(masked && secret ? MASK : option.getValue());
            separator = '&';
        }
        return url.toString();
    }
}
