package org.medialive.distributor.channel;

/** Published when a channel's analysis decodes an SCTE-35 cue; the WebSocket forwards it. */
public record CueSeen(String channel, CueView cue) {
}
