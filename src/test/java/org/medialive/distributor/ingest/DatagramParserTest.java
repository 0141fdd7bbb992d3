package org.medialive.distributor.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatagramParserTest {

    private final DatagramParser parser = new DatagramParser();

    static byte[] tsPackets(int count) {
        byte[] ts = new byte[count * 188];
        for (int i = 0; i < count; i++) {
            ts[i * 188] = 0x47;
        }
        return ts;
    }

    static byte[] rtp(int payloadType, int sequence, byte[] payload) {
        byte[] d = new byte[12 + payload.length];
        d[0] = (byte) 0x80;
        d[1] = (byte) payloadType;
        d[2] = (byte) (sequence >> 8);
        d[3] = (byte) sequence;
        d[11] = 9;
        System.arraycopy(payload, 0, d, 12, payload.length);
        return d;
    }

    @Test
    void findsTsInRtp() {
        byte[] d = rtp(33, 0x1234, tsPackets(7));
        assertThat(parser.parse(d, d.length)).isEqualTo(DatagramParser.Kind.RTP);
        assertThat(parser.payloadOffset).isEqualTo(12);
        assertThat(parser.payloadLength).isEqualTo(7 * 188);
        assertThat(parser.sequence).isEqualTo(0x1234);
        assertThat(parser.ssrc).isEqualTo(9);
    }

    @Test
    void acceptsPlainTsOfAnyWholePacketCount() {
        byte[] d = tsPackets(2);
        assertThat(parser.parse(d, d.length)).isEqualTo(DatagramParser.Kind.PLAIN_TS);
        assertThat(parser.payloadLength).isEqualTo(376);
    }

    @Test
    void skipsCsrcsAndExtension() {
        byte[] ts = tsPackets(1);
        byte[] d = new byte[12 + 8 + 8 + ts.length];
        d[0] = (byte) (0x80 | 0x10 | 2);
        d[1] = 33;
        d[12 + 8 + 3] = 1;
        System.arraycopy(ts, 0, d, 28, ts.length);
        assertThat(parser.parse(d, d.length)).isEqualTo(DatagramParser.Kind.RTP);
        assertThat(parser.payloadOffset).isEqualTo(28);
    }

    @Test
    void refusesWhatIsNotWholeTsPackets() {
        byte[] truncated = rtp(33, 1, new byte[100]);
        truncated[12] = 0x47;
        assertThat(parser.parse(truncated, truncated.length)).isEqualTo(DatagramParser.Kind.MALFORMED);
        assertThat(parser.problem).contains("whole 188-byte");

        byte[] wrongType = rtp(96, 1, tsPackets(7));
        assertThat(parser.parse(wrongType, wrongType.length)).isEqualTo(DatagramParser.Kind.MALFORMED);
        assertThat(parser.problem).contains("payload type");

        byte[] noSync = tsPackets(3);
        noSync[188] = 0x48;
        assertThat(parser.parse(noSync, noSync.length)).isEqualTo(DatagramParser.Kind.MALFORMED);

        byte[] version1 = {0x40, 33, 0, 0};
        assertThat(parser.parse(version1, version1.length)).isEqualTo(DatagramParser.Kind.MALFORMED);
        assertThat(parser.parse(new byte[0], 0)).isEqualTo(DatagramParser.Kind.MALFORMED);
        byte[] shortRtp = {(byte) 0x80, 33, 0, 1, 0};
        assertThat(parser.parse(shortRtp, shortRtp.length)).isEqualTo(DatagramParser.Kind.MALFORMED);
    }
}
