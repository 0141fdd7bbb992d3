package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Crc32MpegTest {

    @Test
    void matchesTheCatalogueCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        // CRC-32/MPEG-2 in the CRC catalogue (reveng): check=0x0376e6e7
        assertThat(Crc32Mpeg.compute(check, 0, check.length)).isEqualTo(0x0376E6E7);
    }

    @Test
    void validatesARealPatAndRejectsAFlippedBit() {
        // the PAT of the third-party streams, CRC 0x2AB104B2 as sent
        byte[] pat = HexFormat.of().parseHex("00b00d0001c100000001f0002ab104b2");
        assertThat(Crc32Mpeg.isValidSection(pat, 0, pat.length)).isTrue();
        assertThat(Crc32Mpeg.compute(pat, 0, pat.length - 4)).isEqualTo(0x2AB104B2);
        assertThat(Crc32Mpeg.storedCrc(pat, 0, pat.length)).isEqualTo(0x2AB104B2L);
        pat[9] ^= 0x04;
        assertThat(Crc32Mpeg.isValidSection(pat, 0, pat.length)).isFalse();
    }

    @Test
    void honoursOffsetAndLength() {
        byte[] padded = HexFormat.of().parseHex("ffff00b00d0001c100000001f0002ab104b2ffff");
        assertThat(Crc32Mpeg.isValidSection(padded, 2, 16)).isTrue();
    }
}
