package org.medialive.distributor.bench;

import java.nio.ByteBuffer;

/**
 * SMPTE 2022-1 FEC for one channel of the {@link MultiPacer}, laid out as FFmpeg's prompeg and
 * MediaLive send it: a matrix of L x D media packets, one row packet (offset 1, NA L) after each
 * L packets and the L column packets (offset L, NA D) when the matrix is complete. Each FEC
 * packet's payload is the XOR of the protected packets' recovery fields and payloads, so the
 * server can really rebuild a lost packet from it.
 */
final class PacerFec {

    static final int COLUMNS = 5;
    static final int ROWS = 10;
    private static final int RTP_HEADER = 12;
    private static final int FEC_HEADER = 16;

    private final byte[] row;
    private final byte[][] columns = new byte[COLUMNS][];
    private final int length;
    private int index;
    private int rowBase;
    private int matrixBase;
    private int fecSequence;

    PacerFec(int payloadLength) {
        this.length = payloadLength;
        this.row = new byte[8 + payloadLength];
        for (int c = 0; c < COLUMNS; c++) {
            columns[c] = new byte[8 + payloadLength];
        }
    }

    /**
     * Takes one media datagram (RTP header then payload, from index 0); returns how many FEC
     * packets are now due, 0 to 1 + L: packet 0 is the row's (a matrix ends with a row), then the
     * columns', written by {@link #write}.
     */
    int accept(ByteBuffer media, int sequence) {
        int inMatrix = index % (COLUMNS * ROWS);
        if (inMatrix == 0) {
            matrixBase = sequence;
        }
        if (inMatrix % COLUMNS == 0) {
            rowBase = sequence;
        }
        xor(row, media);
        xor(columns[inMatrix % COLUMNS], media);
        index++;
        int due = 0;
        if ((inMatrix + 1) % COLUMNS == 0) {
            due = 1;
        }
        if (inMatrix + 1 == COLUMNS * ROWS) {
            due += COLUMNS;
        }
        return due;
    }

    /** Writes FEC packet {@code n} of those {@link #accept} said were due into {@code out} (cleared, then flipped). */
    void write(int n, ByteBuffer out) {
        boolean isRow = n == 0;
        int column = n - 1;
        byte[] bits = isRow ? row : columns[column];
        int snBase = isRow ? rowBase : (matrixBase + column) & 0xFFFF;
        out.clear();
        out.put((byte) (0x80 | (bits[0] & 0x3F))).put((byte) 96).putShort((short) fecSequence++).putInt(0).putInt(0);
        out.putShort((short) snBase).put(bits[6]).put(bits[7]).put((byte) (0x80 | (bits[1] & 0x7F))).put((byte) 0).putShort((short) 0);
        out.put(bits, 2, 4);
        out.put((byte) (isRow ? 0x40 : 0x00)).put((byte) (isRow ? 1 : COLUMNS)).put((byte) (isRow ? COLUMNS : ROWS)).put((byte) 0);
        out.put(bits, 8, length);
        out.flip();
        java.util.Arrays.fill(bits, (byte) 0);
    }

    static int packetSize(int payloadLength) {
        return RTP_HEADER + FEC_HEADER + payloadLength;
    }

    private void xor(byte[] bits, ByteBuffer media) {
        bits[0] ^= (byte) (media.get(0) & 0x3F);
        bits[1] ^= media.get(1);
        for (int i = 0; i < 4; i++) {
            bits[2 + i] ^= media.get(4 + i);
        }
        bits[6] ^= (byte) (length >> 8);
        bits[7] ^= (byte) length;
        for (int i = 0; i < length; i++) {
            bits[8 + i] ^= media.get(RTP_HEADER + i);
        }
    }
}
