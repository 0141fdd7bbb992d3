package org.medialive.distributor.stream;

import java.io.ByteArrayOutputStream;

/** Writes big-endian bit fields, to build sections in tests independently of the code under test. */
final class BitWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int used;

    BitWriter bits(long value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            current = (current << 1) | (int) ((value >>> i) & 1);
            if (++used == 8) {
                out.write(current);
                current = 0;
                used = 0;
            }
        }
        return this;
    }

    BitWriter ones(int count) {
        return bits(-1L, count);
    }

    BitWriter bytes(byte[] data) {
        for (byte b : data) {
            bits(b & 0xFF, 8);
        }
        return this;
    }

    byte[] toByteArray() {
        if (used != 0) {
            throw new IllegalStateException("not byte aligned");
        }
        return out.toByteArray();
    }
}
