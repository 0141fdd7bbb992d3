package org.medialive.distributor.ingest;

/**
 * Finds the MPEG-TS packets in one datagram: RTP (version 2, payload type 33) or plain
 * UDP TS starting with the sync byte. One instance per channel, reused for every datagram,
 * so the receive path allocates nothing. Not thread-safe: the channel's receiver serialises calls.
 */
final class DatagramParser {

    static final int TS_PACKET = 188;
    static final byte SYNC = 0x47;
    static final int RTP_HEADER = 12;
    static final int RTP_PAYLOAD_TYPE_MP2T = 33;

    enum Kind { RTP, PLAIN_TS, MALFORMED }

    int payloadOffset;
    int payloadLength;
    int sequence;
    long ssrc;
    /** Why the last datagram was malformed; a constant, to explain counters in logs and status. */
    String problem;
    /** Whether the last datagram was malformed only because a packet lacks its sync byte (payload offset and length are set). */
    boolean unsynced;

    Kind parse(byte[] d, int length) {
        unsynced = false;
        if (length == 0) {
            return malformed("empty datagram");
        }
        if (d[0] == SYNC) {
            payloadOffset = 0;
            payloadLength = length;
            return checkTsPackets(d, Kind.PLAIN_TS);
        }
        if ((d[0] & 0xC0) != 0x80) {
            return malformed("neither RTP version 2 nor an MPEG-TS sync byte at the start");
        }
        if (length < RTP_HEADER) {
            return malformed("RTP header truncated");
        }
        if ((d[1] & 0x7F) != RTP_PAYLOAD_TYPE_MP2T) {
            return malformed("RTP payload type is not 33 (MPEG-TS)");
        }
        int offset = RTP_HEADER + 4 * (d[0] & 0x0F);
        if ((d[0] & 0x10) != 0) {
            if (offset + 4 > length) {
                return malformed("RTP header extension truncated");
            }
            offset += 4 + 4 * (((d[offset + 2] & 0xFF) << 8) | (d[offset + 3] & 0xFF));
        }
        int end = length;
        if ((d[0] & 0x20) != 0) {
            end -= d[length - 1] & 0xFF;
        }
        if (offset >= end) {
            return malformed("RTP datagram without payload");
        }
        sequence = ((d[2] & 0xFF) << 8) | (d[3] & 0xFF);
        ssrc = ((d[8] & 0xFFL) << 24) | ((d[9] & 0xFF) << 16) | ((d[10] & 0xFF) << 8) | (d[11] & 0xFF);
        payloadOffset = offset;
        payloadLength = end - offset;
        return checkTsPackets(d, Kind.RTP);
    }

    private Kind checkTsPackets(byte[] d, Kind kind) {
        if (payloadLength % TS_PACKET != 0) {
            return malformed("payload is not whole 188-byte TS packets");
        }
        for (int i = payloadOffset; i < payloadOffset + payloadLength; i += TS_PACKET) {
            if (d[i] != SYNC) {
                unsynced = true;
                return malformed("TS packet without sync byte 0x47");
            }
        }
        return kind;
    }

    private Kind malformed(String why) {
        problem = why;
        return Kind.MALFORMED;
    }
}
