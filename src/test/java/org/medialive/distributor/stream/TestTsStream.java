package org.medialive.distributor.stream;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.medialive.distributor.stream.Sections.Es;

/**
 * A clean synthetic TS in 10 ms steps, as a muxer would send it: PAT and PMT every 100 ms, a PCR
 * every 20 ms, a 25 fps video PES (PTS and DTS) every 40 ms, an audio PES (PTS) every 20 ms, a
 * data PID every 100 ms and a null packet each step. Each packet is tagged so a test can cut,
 * change or corrupt exactly one kind of packet over a span of time.
 */
final class TestTsStream {

    static final int PMT = 480;
    static final int VIDEO = 481;
    static final int AUDIO = 482;
    static final int DATA = 483;

    /** One packet as sent, tagged with what it carries. */
    record Packet(String kind, byte[] bytes) {
    }

    private final TsBuilder builder = new TsBuilder();
    private final byte[] pat = Sections.pat(1, PMT);
    private final byte[] pmt = Sections.pmt(1, 0, VIDEO, new byte[0], new Es(0x1B, VIDEO), new Es(0x0F, AUDIO),
            new Es(0x06, DATA, Sections.descriptor(0x56, new byte[] {'d', 'e', 'u', 0x09, 0x00})));

    /**
     * The packets of the 10 ms starting at {@code t} ms; PCR, PTS and DTS follow t. Kinds in
     * {@code unsent} are not sent at all (the muxer leaves them out, so no counter skips).
     */
    List<Packet> step(long t, long pcrOffsetMillis, boolean audioPts, Set<String> unsent) {
        List<Packet> packets = new ArrayList<>();
        if (unsent.contains("all")) {
            return packets;
        }
        if (t % 100 == 0) {
            if (!unsent.contains("pat")) {
                builder.sections(0, pat);
                take(packets, "pat");
            }
            if (!unsent.contains("pmt")) {
                builder.sections(PMT, pmt);
                take(packets, "pmt");
            }
            if (!unsent.contains("data")) {
                builder.payload(DATA, false, new byte[20]);
                take(packets, "data");
            }
        }
        if (t % 20 == 0) {
            builder.pcr(VIDEO, (t + pcrOffsetMillis) * 90);
            take(packets, "pcr");
            if (!unsent.contains("audio")) {
                builder.payload(AUDIO, true, pes(0xC0, t * 90 + 900, -1, audioPts));
                take(packets, "audio");
            }
        }
        if (t % 40 == 0) {
            builder.payload(VIDEO, true, pes(0xE0, t * 90 + 9000, t * 90 + 5400, true));
            take(packets, "video");
            builder.payload(VIDEO, false, new byte[184]);
            take(packets, "video-continued");
        }
        builder.nullPacket(0);
        take(packets, "null");
        return packets;
    }

    static byte[] concat(List<Packet> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packets.forEach(p -> out.write(p.bytes(), 0, p.bytes().length));
        return out.toByteArray();
    }

    private void take(List<Packet> packets, String kind) {
        byte[] all = builder.drain();
        for (int at = 0; at < all.length; at += TsPacket.SIZE) {
            packets.add(new Packet(kind, Arrays.copyOfRange(all, at, at + TsPacket.SIZE)));
        }
    }

    private static byte[] pes(int streamId, long pts, long dts, boolean withPts) {
        byte[] p = new byte[184];
        Arrays.fill(p, (byte) 0xAA);
        p[0] = 0;
        p[1] = 0;
        p[2] = 1;
        p[3] = (byte) streamId;
        p[4] = 0;
        p[5] = 0;
        p[6] = (byte) 0x80;
        if (!withPts) {
            p[7] = 0;
            p[8] = 0;
            return p;
        }
        p[7] = (byte) (dts >= 0 ? 0xC0 : 0x80);
        p[8] = (byte) (dts >= 0 ? 10 : 5);
        timestamp(p, 9, dts >= 0 ? 3 : 2, pts);
        if (dts >= 0) {
            timestamp(p, 14, 1, dts);
        }
        return p;
    }

    private static void timestamp(byte[] p, int at, int prefix, long ts) {
        p[at] = (byte) ((prefix << 4) | ((ts >> 29) & 0x0E) | 1);
        p[at + 1] = (byte) (ts >> 22);
        p[at + 2] = (byte) (((ts >> 14) & 0xFE) | 1);
        p[at + 3] = (byte) (ts >> 7);
        p[at + 4] = (byte) (((ts << 1) & 0xFE) | 1);
    }
}
