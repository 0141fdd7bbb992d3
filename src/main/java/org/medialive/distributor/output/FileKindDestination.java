package org.medialive.distributor.output;

import java.util.List;
import java.util.Map;

/** A destination of an output kind defined by files only (validator host-port); it holds no secret. */
record FileKindDestination(OutputKind kind, String host, int port) implements Destination {

    @Override
    public String protocol() {
        return kind.scheme();
    }

    @Override
    public String maskedUrl() {
        return processUrl();
    }

    @Override
    public String processUrl() {
        return kind.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public List<String> secrets() {
        return List.of();
    }

    @Override
    public Destination keepingSecretsOf(Destination previous) {
        return this;
    }

    @Override
    public Map<String, Object> routeParameters(OutputDefinition definition) {
        return Map.of("host", host, "port", Integer.toString(port));
    }

    /** The relay's first message says it runs; messages starting with ERROR become the last error. */
    @Override
    public ProcessObserver observe(OutputStatus status) {
        return new ProcessObserver() {
            @Override
            public void stdout(String line) {
                running();
            }

            @Override
            public void stderr(String line) {
                if (line.strip().startsWith("ERROR")) {
                    status.error(kind.scheme() + " relay: " + line.strip());
                } else {
                    running();
                }
            }

            private void running() {
                if (status.state() != OutputState.RUNNING) {
                    status.moveTo(OutputState.RUNNING, "relaying to " + processUrl());
                }
            }
        };
    }
}
