package org.medialive.distributor.stream;

/**
 * CRC-32/MPEG-2, the checksum closing every PSI and SCTE-35 section: polynomial 0x04C11DB7,
 * initial value 0xFFFFFFFF, no reflection, no final XOR.
 * Because nothing is reflected or XORed at the end, running it over a whole section including
 * its own CRC field gives 0: that is how {@link #isValidSection} checks without extracting the field.
 */
public final class Crc32Mpeg {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc32Mpeg() {
    }

    public static int compute(byte[] data, int offset, int length) {
        int crc = 0xFFFFFFFF;
        for (int i = offset, end = offset + length; i < end; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** Whether a complete section (table_id to CRC_32 inclusive) carries a correct CRC. */
    public static boolean isValidSection(byte[] section, int offset, int length) {
        return length >= 4 && compute(section, offset, length) == 0;
    }

    /** The CRC_32 field a section carries in its last four bytes, as sent. */
    public static long storedCrc(byte[] section, int offset, int length) {
        int at = offset + length - 4;
        return ((section[at] & 0xFFL) << 24) | ((section[at + 1] & 0xFF) << 16)
                | ((section[at + 2] & 0xFF) << 8) | (section[at + 3] & 0xFF);
    }
}
