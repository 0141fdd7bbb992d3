package org.medialive.distributor.channel;

/** Where a channel's input is; the API and dashboard show these words. */
public enum ChannelState {
    /** Not receiving: the operator stopped it. */
    STOPPED,
    /** Started, but nothing has arrived for the signal timeout (no signal). Outputs stay up. */
    WAITING,
    /** Started and receiving MPEG-TS. */
    RECEIVING,
    /** Started, but the input could not be opened (e.g. port taken); retried every few seconds. */
    ERROR;

    public String word() {
        return name().toLowerCase();
    }
}
