package org.medialive.distributor.ingest;

/**
 * Asked by the reorder window for a sequence number it is about to count lost: rebuilds the
 * packet (FEC) and hands its payload to the window's sink itself, in place of the lost one.
 */
@FunctionalInterface
interface RtpGapFiller {

    RtpGapFiller NONE = (sequence, ssrc) -> false;

    /** @return whether the packet was rebuilt and delivered */
    boolean fill(int sequence, long ssrc);
}
