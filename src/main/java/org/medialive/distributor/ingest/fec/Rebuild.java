package org.medialive.distributor.ingest.fec;

/**
 * The XOR accumulator of one recovery: starts from a FEC packet and takes in every other packet
 * it protects; what remains is the missing packet. Bytes past a shorter packet's end count as
 * zeros (SMPTE 2022-1 pads to the longest). One instance reused per decoder; not thread-safe.
 */
final class Rebuild {

    byte[] bytes = new byte[2048];
    int length;
    int pxcc;
    int payloadType;
    long timestamp;
    int lengthRecovery;

    void start(FecHeader header, byte[] fecPayload) {
        if (bytes.length < header.payloadLength) {
            bytes = new byte[header.payloadLength];
        }
        System.arraycopy(fecPayload, 0, bytes, 0, header.payloadLength);
        length = header.payloadLength;
        pxcc = header.pxccRecovery;
        payloadType = header.ptRecovery;
        timestamp = header.tsRecovery;
        lengthRecovery = header.lengthRecovery;
    }

    void xor(int otherPxcc, int otherPayloadType, long otherTimestamp, int otherLength, byte[] other) {
        pxcc ^= otherPxcc;
        payloadType ^= otherPayloadType;
        timestamp ^= otherTimestamp;
        lengthRecovery ^= otherLength;
        int n = Math.min(otherLength, length);
        for (int i = 0; i < n; i++) {
            bytes[i] ^= other[i];
        }
    }

    /** @return whether the result is a packet that fits in the FEC payload */
    boolean plausible() {
        return lengthRecovery > 0 && lengthRecovery <= length;
    }
}
