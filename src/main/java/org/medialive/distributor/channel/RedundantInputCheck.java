package org.medialive.distributor.channel;

import java.util.Objects;
import org.medialive.distributor.RequestRejectedException;

import static org.medialive.distributor.RequestRejectedException.invalid;

/** Checks a channel's backupInput and failover policy; the messages name the field to fix. */
final class RedundantInputCheck {

    private RedundantInputCheck() {
    }

    static InputDefinition backup(InputDefinition primary, InputDefinition backup) {
        if (backup == null) {
            return null;
        }
        InputDefinition checked;
        try {
            checked = backup.validated();
        } catch (RequestRejectedException e) {
            throw new RequestRejectedException(e.reason(), "backupInput: " + e.getMessage());
        }
        if (InputPorts.overlap(primary, checked)) {
            throw invalid("backupInput must differ from input: both receive on port " + InputPorts.describe(checked)
                    + "; give MediaLive's second destination another port (at least input.port + 5 with FEC) or group");
        }
        return checked;
    }

    static FailoverPolicy failover(InputDefinition backup, FailoverPolicy failover) {
        if (backup == null) {
            if (failover != null) {
                throw invalid("failover needs a backupInput: without a second input there is nothing to fail over to");
            }
            return null;
        }
        return Objects.requireNonNullElse(failover, FailoverPolicy.DEFAULTS).validated();
    }
}
