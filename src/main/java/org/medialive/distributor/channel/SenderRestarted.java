package org.medialive.distributor.channel;

import java.time.Instant;

/**
 * Published when a channel's RTP sender restarted (new SSRC, or a large sequence jump confirmed
 * by a second datagram), as MediaLive does when a pipeline restarts. At most one a second per
 * channel: the input's once-a-second tick publishes it, never the ingest thread, so a sender
 * flapping between SSRCs cannot flood the log or the dashboard; {@code since} says how many it
 * stands for.
 *
 * @param previousSsrc the stream before the newest restart (unsigned 32-bit)
 * @param ssrc         the stream after it
 * @param since        restarts since the last event (1 unless the sender flaps)
 * @param total        restarts on this input since it started
 */
public record SenderRestarted(String channel, long previousSsrc, long ssrc, long since, long total, Instant at) {

    /** For the log: SSRCs in hex, as Wireshark shows them. */
    public String describe() {
        return "RTP sender restarted: SSRC " + hex(previousSsrc) + " -> " + hex(ssrc)
                + (since > 1 ? " (" + since + " restarts in the last second)" : "");
    }

    public static String hex(long ssrc) {
        return String.format("%08x", ssrc);
    }
}
