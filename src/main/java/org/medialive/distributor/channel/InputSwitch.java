package org.medialive.distributor.channel;

import java.time.Instant;

/**
 * A channel changed input; published as an event (WebSocket, dashboard, audit) and kept as the
 * channel's last switch.
 *
 * @param gapMillis milliseconds between the old input's last datagram to the outputs and the switch
 *                  (for an automatic failover: how long the outputs got nothing)
 * @param manual    whether an operator asked for it
 */
public record InputSwitch(String channel, String from, String to, String reason, Instant at, long gapMillis,
                          boolean manual, String by) {
}
