package org.medialive.distributor.channel;

import java.util.List;
import java.util.regex.Pattern;
import org.medialive.distributor.output.OutputDefinition;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * A channel as configured and stored: its input, its outputs, and whether it should run.
 *
 * @param started whether the channel should receive and feed its outputs (restored at start-up)
 */
public record ChannelDefinition(String id, String name, InputDefinition input, boolean started,
                                List<OutputDefinition> outputs) {

    public static final Pattern ID = OutputDefinition.ID;

    public ChannelDefinition {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** Checks id, name and input; outputs are checked one by one as they are added. */
    public ChannelDefinition validated() {
        if (id == null || !ID.matcher(id).matches()) {
            throw invalid("channel id must be 1 to 32 characters of a-z, 0-9 and '-', starting with a letter or digit"
                    + (id == null ? "" : ", not '" + id + "'"));
        }
        if (name != null && (name.length() > 100 || name.chars().anyMatch(Character::isISOControl))) {
            throw invalid("channel name must be at most 100 characters without control characters");
        }
        if (input == null) {
            throw invalid("input is required, e.g. \"input\": {\"port\": 5000}");
        }
        return new ChannelDefinition(id, name, input.validated(), started, outputs);
    }

    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    ChannelDefinition with(InputDefinition newInput, String newName, boolean nowStarted, List<OutputDefinition> newOutputs) {
        return new ChannelDefinition(id, newName, newInput, nowStarted, newOutputs);
    }
}
