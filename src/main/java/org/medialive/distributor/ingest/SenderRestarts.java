package org.medialive.distributor.ingest;

/** Told when an RTP sender restarts (new SSRC or a confirmed sequence jump), before the new stream's first packet leaves. */
@FunctionalInterface
interface SenderRestarts {

    SenderRestarts NONE = (previousSsrc, ssrc, firstSequence) -> { };

    void restarted(long previousSsrc, long ssrc, int firstSequence);
}
