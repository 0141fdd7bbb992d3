package org.medialive.distributor.control;

import org.medialive.distributor.output.OutputDefinition;

/** The body of POST and PUT /api/channels/{id}/outputs. */
record OutputRequest(String id, String name, String url, Boolean enabled, String audio) {

    /** @param enabledIfAbsent what "enabled" means when the body leaves it out */
    OutputDefinition toDefinition(boolean enabledIfAbsent) {
        return new OutputDefinition(id, name, url, enabled == null ? enabledIfAbsent : enabled, audio);
    }
}
