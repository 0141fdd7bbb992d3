package org.medialive.distributor.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An output kind made of files only (docs/ROUTES.md): relay2://HOST:PORT, srt-live-transmit relaying
 * to a second UDP port. No Java of the server knows it; tests put it in a routes directory.
 */
public final class FileOnlyKind {

    public static final String SCHEME = "relay2";
    public static final String TITLE = "Second UDP relay";

    private FileOnlyKind() {
    }

    /** Writes relay2.output-kind.yaml and relay2-output.camel.yaml into {@code routes}. */
    public static Path writeTo(Path routes) throws IOException {
        Files.createDirectories(routes);
        Files.writeString(routes.resolve("relay2.output-kind.yaml"), """
                # An output kind made of files only: this descriptor and relay2-output.camel.yaml.
                scheme: relay2
                template: relay2-output
                carriesScte35: true
                title: Second UDP relay
                """);
        Files.writeString(routes.resolve("relay2-output.camel.yaml"), """
                - routeTemplate:
                    id: relay2-output
                    parameters:
                      - name: channel
                      - name: output
                      - name: host
                      - name: port
                    route:
                      from:
                        uri: "timer:output-{{channel}}.{{output}}"
                        parameters:
                          delay: 0
                          period: 1
                        steps:
                          - bean:
                              ref: "{{supervisor}}"
                              method: awaitTurn
                          - to:
                              uri: "exec:srt-live-transmit"
                              parameters:
                                args: "RAW(-a:no -v -chunk:1316 file://con udp://{{host}}:{{port}})"
                                commandExecutor: "#{{supervisor}}"
                          - bean:
                              ref: "{{supervisor}}"
                              method: runEnded
                """);
        return routes;
    }
}
