package org.medialive.distributor.support;

/**
 * The fields of a splice_insert section read straight from its bytes (SCTE 35 §9.7.3),
 * independently of the server's decoder, to say what the server should have decoded.
 *
 * @param pts           splice time with pts_adjustment applied, 90 kHz
 * @param breakDuration 90 kHz
 */
public record SpliceInsertFields(long eventId, boolean outOfNetwork, long pts, long breakDuration) {

    private static final long PTS_MASK = (1L << 33) - 1;

    public static SpliceInsertFields of(byte[] s) {
        if ((s[0] & 0xFF) != 0xFC || (s[13] & 0xFF) != 0x05) {
            throw new AssertionError("not a splice_insert section");
        }
        long adjustment = ((s[4] & 0x01L) << 32) | u32(s, 5);
        long eventId = u32(s, 14);
        int flags = s[19] & 0xFF;
        int at = 20;
        long pts = -1;
        if ((flags & 0x40) != 0 && (flags & 0x10) == 0 && (s[at] & 0x80) != 0) {
            pts = ((((s[at] & 0x01L) << 32) | u32(s, at + 1)) + adjustment) & PTS_MASK;
            at += 5;
        } else if ((flags & 0x40) != 0 && (flags & 0x10) == 0) {
            at += 1;
        }
        long duration = (flags & 0x20) != 0 ? ((s[at] & 0x01L) << 32) | u32(s, at + 1) : -1;
        return new SpliceInsertFields(eventId, (flags & 0x80) != 0, pts, duration);
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
