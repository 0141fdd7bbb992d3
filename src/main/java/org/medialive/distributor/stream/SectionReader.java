package org.medialive.distributor.stream;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Reads big-endian bit fields from a section, refusing to read past the limit it was given,
 * so a lying length field becomes a {@link MalformedSectionException}, never an
 * ArrayIndexOutOfBoundsException or a read of the neighbouring section's bytes.
 */
final class SectionReader {

    private final byte[] data;
    private int limit;
    private long bit;

    SectionReader(byte[] data, int offset, int limit) {
        this.data = data;
        this.bit = (long) offset * 8;
        this.limit = limit;
    }

    long bits(int count) throws MalformedSectionException {
        require(count);
        long value = 0;
        for (int i = 0; i < count; i++, bit++) {
            value = (value << 1) | ((data[(int) (bit >>> 3)] >> (7 - (bit & 7))) & 1);
        }
        return value;
    }

    int u8() throws MalformedSectionException {
        return (int) bits(8);
    }

    int u16() throws MalformedSectionException {
        return (int) bits(16);
    }

    long u32() throws MalformedSectionException {
        return bits(32);
    }

    boolean flag() throws MalformedSectionException {
        return bits(1) == 1;
    }

    void skipBits(int count) throws MalformedSectionException {
        require(count);
        bit += count;
    }

    String hex(int bytes) throws MalformedSectionException {
        int from = position();
        skipBits(bytes * 8);
        return HexFormat.of().formatHex(data, from, from + bytes);
    }

    String ascii(int bytes) throws MalformedSectionException {
        int from = position();
        skipBits(bytes * 8);
        return new String(data, from, bytes, StandardCharsets.ISO_8859_1);
    }

    /** Byte position; fields this decoder reads start on byte boundaries. */
    int position() {
        return (int) (bit >>> 3);
    }

    int remaining() {
        return limit - position();
    }

    /** Continues at {@code position}, which must lie within the current limit. */
    void seek(int position) throws MalformedSectionException {
        if (position > limit) {
            throw new MalformedSectionException("a length field points past the end of its container");
        }
        bit = (long) position * 8;
    }

    /** Narrows reading to the next {@code bytes} bytes; returns the old limit for {@link #restoreLimit}. */
    int narrow(int bytes) throws MalformedSectionException {
        if (bytes > remaining()) {
            throw new MalformedSectionException("a length field points past the end of its container");
        }
        int old = limit;
        limit = position() + bytes;
        return old;
    }

    void restoreLimit(int old) {
        limit = old;
    }

    private void require(int count) throws MalformedSectionException {
        if (bit + count > (long) limit * 8) {
            throw new MalformedSectionException("field runs past the end of its container");
        }
    }
}
