package org.medialive.distributor.ingest;

/**
 * The one datagram that did not fit the current RTP stream (another SSRC, or a sequence jump
 * of {@link RtpReorderBuffer#MAX_DROPOUT} forward or {@link RtpReorderBuffer#MAX_MISORDER} back),
 * kept aside until a second datagram shows whether it starts a new stream or was a stray
 * (RFC 3550 A.1 puts a new source on probation). Its bytes are copied into one array of its own,
 * allocated once and grown only for a longer datagram, so probation allocates nothing per packet.
 */
final class RtpProbation {

    private byte[] data = new byte[2048];
    private boolean pending;
    private long ssrc;
    private int sequence;
    private int length;

    boolean pending() {
        return pending;
    }

    long ssrc() {
        return ssrc;
    }

    int sequence() {
        return sequence;
    }

    byte[] data() {
        return data;
    }

    int length() {
        return length;
    }

    /** Keeps a copy of the datagram's payload; the caller's array is reused for the next datagram. */
    void keep(long ssrc, int sequence, byte[] from, int offset, int length) {
        if (data.length < length) {
            data = new byte[length];
        }
        System.arraycopy(from, offset, data, 0, length);
        this.ssrc = ssrc;
        this.sequence = sequence;
        this.length = length;
        pending = true;
    }

    /** @return whether a datagram was waiting (and is now given up) */
    boolean discard() {
        boolean was = pending;
        pending = false;
        return was;
    }
}
