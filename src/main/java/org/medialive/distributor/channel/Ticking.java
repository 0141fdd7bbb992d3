package org.medialive.distributor.channel;

/**
 * What {@link ChannelTicks} needs of a channel: its id and its once-a-second work. Ticks are
 * told apart by identity, so a channel deleted and created again under the same id is a new one.
 */
interface Ticking {

    String id();

    void tick(long nowMillis);
}
