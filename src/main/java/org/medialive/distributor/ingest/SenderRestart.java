package org.medialive.distributor.ingest;

/**
 * An RTP sender restart the channel's receiver confirmed: a new SSRC, or the same one after a
 * sequence jump, seen in two datagrams close together.
 *
 * @param previousSsrc  the stream before the restart
 * @param ssrc          the stream after it
 * @param firstSequence the new stream's first RTP sequence number
 * @param count         restarts on this input so far, this one included
 */
public record SenderRestart(long previousSsrc, long ssrc, int firstSequence, long count) {
}
