package org.medialive.distributor.channel;

/** What {@link ChannelTicks} needs of a channel: its id and its once-a-second work. */
interface Ticking {

    String id();

    void tick(long nowMillis);
}
