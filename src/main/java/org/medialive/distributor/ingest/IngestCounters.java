package org.medialive.distributor.ingest;

/**
 * What one channel's input has received so far; a consistent snapshot.
 *
 * @param datagrams      every datagram that reached the channel's port
 * @param packets        TS packets accepted and passed on
 * @param bytes          TS bytes accepted and passed on
 * @param rtpLost        RTP sequence numbers never received (gaps the reorder window gave up on)
 * @param rtpReordered   RTP packets that arrived out of order and were put back in place
 * @param rtpDuplicate   RTP packets received twice (second copy dropped)
 * @param rtpLate        RTP packets that arrived after their gap was declared lost (dropped)
 * @param rtpDropped     stray RTP datagrams that fit no stream (another SSRC or far off in sequence, alone; dropped)
 * @param senderRestarts RTP sender restarts: a new SSRC or a sequence jump, confirmed by a second datagram
 * @param malformed      datagrams that were not RTP/MPEG-TS or not whole TS packets (dropped)
 * @param rejected       datagrams from an address other than the configured sources (dropped)
 * @param lastMalformed  why the last malformed datagram was refused, or null
 * @param lastPacketMillis wall-clock time of the last accepted datagram, 0 if none yet
 * @param kernelDrops    datagrams the kernel dropped because the socket's receive buffer was full
 * @param receiveBuffer  receive buffer bytes the kernel granted the socket, 0 until known
 */
public record IngestCounters(
        long datagrams, long packets, long bytes,
        long rtpLost, long rtpReordered, long rtpDuplicate, long rtpLate, long rtpDropped, long senderRestarts,
        long malformed, long rejected, String lastMalformed, long lastPacketMillis,
        long kernelDrops, long receiveBuffer) {

    public static final IngestCounters NONE = new IngestCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0, 0);
}
