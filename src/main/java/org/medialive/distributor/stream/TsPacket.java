package org.medialive.distributor.stream;

/**
 * Reads the fields of one 188-byte TS packet in place (ISO 13818-1 §2.4.3.2), so the receive
 * path never copies or wraps a packet. {@code at} is the offset of the sync byte.
 */
public final class TsPacket {

    public static final int SIZE = 188;
    public static final byte SYNC = 0x47;
    public static final int NULL_PID = 0x1FFF;
    public static final int PID_COUNT = 0x2000;

    private TsPacket() {
    }

    public static int pid(byte[] b, int at) {
        return ((b[at + 1] & 0x1F) << 8) | (b[at + 2] & 0xFF);
    }

    public static boolean transportError(byte[] b, int at) {
        return (b[at + 1] & 0x80) != 0;
    }

    public static boolean payloadUnitStart(byte[] b, int at) {
        return (b[at + 1] & 0x40) != 0;
    }

    public static boolean scrambled(byte[] b, int at) {
        return (b[at + 3] & 0xC0) != 0;
    }

    public static boolean hasPayload(byte[] b, int at) {
        return (b[at + 3] & 0x10) != 0;
    }

    public static int continuityCounter(byte[] b, int at) {
        return b[at + 3] & 0x0F;
    }

    public static boolean discontinuityIndicator(byte[] b, int at) {
        int flags = adaptationFlags(b, at);
        return flags >= 0 && (flags & 0x80) != 0;
    }

    public static boolean hasPcr(byte[] b, int at) {
        int flags = adaptationFlags(b, at);
        return flags >= 0 && (flags & 0x10) != 0;
    }

    /**
     * Offset of the first payload byte, or -1 when the packet has no payload or its adaptation
     * field claims more room than the packet has (a corrupt packet must not make us read past it).
     */
    public static int payloadOffset(byte[] b, int at) {
        if (!hasPayload(b, at)) {
            return -1;
        }
        int offset = at + 4;
        if ((b[at + 3] & 0x20) != 0) {
            offset += 1 + (b[at + 4] & 0xFF);
        }
        return offset < at + SIZE ? offset : -1;
    }

    /** The adaptation field's flag byte, or -1 when there is no adaptation field or it is empty. */
    private static int adaptationFlags(byte[] b, int at) {
        if ((b[at + 3] & 0x20) == 0 || b[at + 4] == 0) {
            return -1;
        }
        return b[at + 5] & 0xFF;
    }
}
