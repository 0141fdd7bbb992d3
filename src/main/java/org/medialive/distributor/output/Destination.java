package org.medialive.distributor.output;

import java.util.List;

/** Where an output sends the channel, parsed and checked from the URL the operator gave. */
public interface Destination {

    /** The URL's scheme ("srt", "rtmp", "rtmps", "udp" or a file-described kind's): it names its {@link OutputKind}. */
    String protocol();

    /** The output kind described for this URL scheme (routes/SCHEME.output-kind.yaml). */
    default OutputKind kind() {
        return OutputKinds.forScheme(protocol());
    }

    /** Whether SCTE-35 reaches the destination (SRT relays the TS; FLV has no place for it): the kind's descriptor says. */
    default boolean carriesScte35() {
        return kind().carriesScte35();
    }

    /** The route template in routes/ that runs this kind of output: the kind's descriptor names it. */
    default String routeTemplate() {
        return kind().template();
    }

    /** The URL with every secret replaced by ***; safe for the API, logs and metrics. */
    String maskedUrl();

    /** The URL handed to the child process; contains secrets, never log it. */
    String processUrl();

    /** Secret values to mask wherever the child process's messages are shown. */
    List<String> secrets();

    /** Where the masked URL still shows *** for a secret, takes the secret from {@code previous}. */
    Destination keepingSecretsOf(Destination previous);

    /** Values for the route template's own parameters, beyond the channel and output ids. */
    default java.util.Map<String, Object> routeParameters(OutputDefinition definition) {
        return java.util.Map.of();
    }

    /** Reads one run's process messages into the output's status. */
    ProcessObserver observe(OutputStatus status);

    /** Follows a child process's messages, one line at a time. Lines are already masked. */
    interface ProcessObserver {

        void stdout(String line);

        void stderr(String line);

        /** Called once the process has exited, with its exit code. */
        default void exited(int exitCode) {
        }
    }
}
