package org.medialive.distributor.security;

import org.medialive.distributor.channel.InputSwitch;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts every automatic input switch in the audit trail, as done by "system" with its reason. An
 * operator's switch is audited as the API call that asked for it (by {@link AuditFilter}).
 */
@Component
class InputSwitchAudit {

    private final AuditTrail trail;

    InputSwitchAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void switched(InputSwitch change) {
        if (!change.manual()) {
            trail.record(new AuditTrail.Who("system", null, "-"), "input switch on channel " + change.channel() + ": "
                    + change.from() + " -> " + change.to(), 200, change.reason());
        }
    }
}
