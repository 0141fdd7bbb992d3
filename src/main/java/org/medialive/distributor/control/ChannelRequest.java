package org.medialive.distributor.control;

import java.util.List;
import org.medialive.distributor.channel.ChannelDefinition;
import org.medialive.distributor.channel.FailoverPolicy;
import org.medialive.distributor.channel.InputDefinition;

/** The body of POST and PUT /api/channels. */
record ChannelRequest(String id, String name, InputDefinition input, Boolean started, List<Object> outputs,
                      InputDefinition backupInput, FailoverPolicy failover) {

    ChannelDefinition toDefinition() {
        if (outputs != null && !outputs.isEmpty()) {
            throw org.medialive.distributor.RequestRejectedException.invalid(
                    "outputs cannot be set here: add them with POST /api/channels/{id}/outputs");
        }
        return new ChannelDefinition(id, name, input, Boolean.TRUE.equals(started), List.of(), backupInput, failover);
    }
}
