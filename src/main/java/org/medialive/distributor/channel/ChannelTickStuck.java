package org.medialive.distributor.channel;

/**
 * Published when a channel's once-a-second tick has not returned within the watchdog's limit
 * ({@code stuck} true), and again when it returns ({@code stuck} false).
 */
public record ChannelTickStuck(String channel, boolean stuck, String reason) {
}
