package org.medialive.distributor.ingest.srt;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TsChunkerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> sizes = new ArrayList<>();
    private final TsChunker chunker = new TsChunker((chunk, length) -> {
        out.write(chunk, 0, length);
        sizes.add(length);
    });

    @Test
    void readsCutAnywhereComeOutAsWholePacketsOfAtMostSeven() {
        byte[] stream = packets(20);
        for (int at = 0; at < stream.length; at += 333) {
            int length = Math.min(333, stream.length - at);
            chunker.feed(Arrays.copyOfRange(stream, at, at + length), length);
        }
        assertThat(out.toByteArray()).isEqualTo(stream);
        assertThat(sizes).allMatch(size -> size % 188 == 0 && size <= 1316 && size > 0);
        assertThat(chunker.skipped()).isZero();
    }

    @Test
    void bytesOffThePacketBoundaryAreSkippedAndCounted() {
        byte[] stream = packets(8);
        byte[] withJunk = new byte[stream.length + 5];
        System.arraycopy(stream, 0, withJunk, 5, stream.length);
        chunker.feed(withJunk, withJunk.length);
        assertThat(out.toByteArray()).isEqualTo(stream);
        assertThat(chunker.skipped()).isEqualTo(5);
    }

    private static byte[] packets(int count) {
        byte[] ts = new byte[count * 188];
        for (int i = 0; i < count; i++) {
            ts[i * 188] = 0x47;
            for (int j = 1; j < 188; j++) {
                ts[i * 188 + j] = (byte) (i + j == 0x47 ? 0 : i + j);
            }
        }
        return ts;
    }
}
