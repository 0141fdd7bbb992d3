package org.medialive.distributor.monitoring;

import org.medialive.distributor.channel.ChannelView;
import org.springframework.boot.actuate.health.Health;

/**
 * What a channel with a backupInput adds to its health: DEGRADED (still on air) while it runs on
 * the backup, or while the standby input could not take over.
 */
final class RedundancyHealth {

    private RedundancyHealth() {
    }

    /** Why the channel's redundancy is impaired, or null when it is not (or it has no backupInput). */
    static String trouble(ChannelView channel) {
        if (channel.failover() == null || channel.inputs() == null || !channel.started()) {
            return null;
        }
        String active = channel.failover().activeInput();
        if ("backup".equals(active)) {
            return "running on the backup input";
        }
        ChannelView.InputStatus standby = channel.inputs().get("backup");
        if (standby != null && standby.problem() != null) {
            return "standby (backup) input missing: " + standby.problem();
        }
        if (standby != null && !"receiving".equals(standby.state())) {
            return "standby (backup) input " + standby.state();
        }
        return null;
    }

    static void details(ChannelView channel, String trouble, Health.Builder health) {
        if (channel.failover() == null) {
            return;
        }
        health.withDetail("activeInput", channel.failover().activeInput());
        if (trouble != null) {
            health.withDetail("redundancy", trouble);
        }
    }
}
