package org.medialive.distributor.channel;

import java.util.List;
import java.util.regex.Pattern;
import org.medialive.distributor.output.OutputDefinition;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * A channel as configured and stored: its input, its outputs, and whether it should run.
 *
 * @param started whether the channel should receive and feed its outputs (restored at start-up)
 * @param backupInput a second input for the same programme (MediaLive's pipeline 1), or null
 * @param failover    when the backup input takes over; null for the defaults (only with a backupInput)
 */
public record ChannelDefinition(String id, String name, InputDefinition input, boolean started,
                                List<OutputDefinition> outputs, InputDefinition backupInput, FailoverPolicy failover) {

    public static final Pattern ID = OutputDefinition.ID;

    public ChannelDefinition {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** A channel with one input. */
    public ChannelDefinition(String id, String name, InputDefinition input, boolean started, List<OutputDefinition> outputs) {
        this(id, name, input, started, outputs, null, null);
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
        InputDefinition checkedInput = input.validated();
        return new ChannelDefinition(id, name, checkedInput, started, outputs,
                RedundantInputCheck.backup(checkedInput, backupInput), RedundantInputCheck.failover(backupInput, failover));
    }

    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    ChannelDefinition with(InputDefinition newInput, String newName, boolean nowStarted, List<OutputDefinition> newOutputs) {
        return new ChannelDefinition(id, newName, newInput, nowStarted, newOutputs, backupInput, failover);
    }

    ChannelDefinition withRedundancy(InputDefinition newBackup, FailoverPolicy newFailover) {
        return new ChannelDefinition(id, name, input, started, outputs, newBackup, newFailover);
    }
}
