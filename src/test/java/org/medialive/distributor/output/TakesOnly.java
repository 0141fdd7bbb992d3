package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** A non-blocking pipe with room for {@code room} more bytes: takes what fits, then nothing (returns 0). */
final class TakesOnly implements WritableByteChannel {
    private final WritableByteChannel out;
    int room;

    TakesOnly(WritableByteChannel out, int room) {
        this.out = out;
        this.room = room;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int take = Math.min(room, src.remaining());
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + take);
        int n = out.write(part);
        src.position(src.position() + n);
        room -= n;
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
