package org.medialive.distributor.channel;

/** Published when a channel's state changes; monitoring and the WebSocket subscribe to it. */
public record ChannelStateChange(String channel, ChannelState from, ChannelState to, String reason) {
}
