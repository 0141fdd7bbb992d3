package org.medialive.distributor.ingest.fec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds media RTP datagrams and their SMPTE 2022-1 FEC packets by hand, the way FFmpeg's
 * prompeg lays them out (libavformat/prompeg.c): the XOR of P/X/CC, M/PT, timestamp, length and
 * everything after the 12-byte RTP header; column packets with offset L and NA D, row packets
 * with offset 1 and NA L. Tests only.
 */
final class FecTestEncoder {

    private FecTestEncoder() {
    }

    /** An RTP datagram of {@code tsPackets} TS packets whose content follows from (ssrc, sequence). */
    static byte[] media(long ssrc, int sequence, int tsPackets) {
        byte[] d = new byte[12 + 188 * tsPackets];
        d[0] = (byte) 0x80;
        d[1] = 33;
        d[2] = (byte) (sequence >> 8);
        d[3] = (byte) sequence;
        long timestamp = sequence * 150L;
        for (int i = 0; i < 4; i++) {
            d[4 + i] = (byte) (timestamp >> (24 - 8 * i));
            d[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        Random content = new Random(ssrc * 65536 + sequence);
        for (int p = 0; p < tsPackets; p++) {
            int at = 12 + 188 * p;
            byte[] body = new byte[187];
            content.nextBytes(body);
            d[at] = 0x47;
            System.arraycopy(body, 0, d, at + 1, 187);
        }
        return d;
    }

    static byte[] payload(byte[] media) {
        return java.util.Arrays.copyOfRange(media, 12, media.length);
    }

    /** The FEC packet protecting {@code packets} (in order); {@code row} sets the D bit. */
    static byte[] fec(List<byte[]> packets, int snBase, boolean row, int offset, int na, int fecSequence) {
        int longest = packets.stream().mapToInt(p -> p.length - 12).max().orElse(0);
        byte[] bits = new byte[8 + longest];
        for (byte[] p : packets) {
            bits[0] ^= (byte) (p[0] & 0x3F);
            bits[1] ^= p[1];
            for (int i = 0; i < 4; i++) {
                bits[2 + i] ^= p[4 + i];
            }
            int length = p.length - 12;
            bits[6] ^= (byte) (length >> 8);
            bits[7] ^= (byte) length;
            for (int i = 0; i < length; i++) {
                bits[8 + i] ^= p[12 + i];
            }
        }
        byte[] d = new byte[28 + longest];
        d[0] = (byte) (0x80 | (bits[0] & 0x3F));
        d[1] = 0x60;
        d[2] = (byte) (fecSequence >> 8);
        d[3] = (byte) fecSequence;
        d[12] = (byte) (snBase >> 8);
        d[13] = (byte) snBase;
        d[14] = bits[6];
        d[15] = bits[7];
        d[16] = (byte) (0x80 | (bits[1] & 0x7F));
        System.arraycopy(bits, 2, d, 20, 4);
        d[24] = (byte) (row ? 0x40 : 0x00);
        d[25] = (byte) offset;
        d[26] = (byte) na;
        System.arraycopy(bits, 8, d, 28, longest);
        return d;
    }

    /** The column FEC packets (L of them) of the matrix of L x D packets starting at {@code first}. */
    static List<byte[]> columns(List<byte[]> matrix, int first, int l, int d) {
        List<byte[]> out = new ArrayList<>();
        for (int c = 0; c < l; c++) {
            List<byte[]> column = new ArrayList<>();
            for (int r = 0; r < d; r++) {
                column.add(matrix.get(r * l + c));
            }
            out.add(fec(column, (first + c) & 0xFFFF, false, l, d, c));
        }
        return out;
    }

    /** The row FEC packets (D of them) of the same matrix. */
    static List<byte[]> rows(List<byte[]> matrix, int first, int l, int d) {
        List<byte[]> out = new ArrayList<>();
        for (int r = 0; r < d; r++) {
            out.add(fec(matrix.subList(r * l, r * l + l), (first + r * l) & 0xFFFF, true, 1, l, r));
        }
        return out;
    }
}
