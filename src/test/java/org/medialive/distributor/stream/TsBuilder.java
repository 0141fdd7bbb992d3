package org.medialive.distributor.stream;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Writes a TS packet by packet for tests, keeping a continuity counter per PID unless told otherwise. */
final class TsBuilder {

    static final int PAYLOAD = 184;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int[] next = new int[8192];

    /** A packet with payload and the next continuity counter of its PID. */
    TsBuilder payload(int pid, boolean unitStart, byte[] payload) {
        int cc = next[pid];
        next[pid] = (cc + 1) & 0x0F;
        return raw(pid, cc, unitStart, false, payload);
    }

    /** A packet with payload and an explicit continuity counter; the PID's counter continues from it. */
    TsBuilder payloadWithCc(int pid, int cc, boolean discontinuityIndicator, byte[] payload) {
        next[pid] = (cc + 1) & 0x0F;
        return raw(pid, cc, false, discontinuityIndicator, payload);
    }

    /** An adaptation-field-only packet: it repeats the last counter, as the standard requires. */
    TsBuilder adaptationOnly(int pid) {
        return raw(pid, (next[pid] + 15) & 0x0F, false, false, null);
    }

    /** An adaptation-field-only packet carrying a PCR, as muxers send on a PCR PID between payloads. */
    TsBuilder pcr(int pid, long base) {
        byte[] p = new byte[TsPacket.SIZE];
        Arrays.fill(p, (byte) 0xFF);
        p[0] = TsPacket.SYNC;
        p[1] = (byte) (pid >> 8);
        p[2] = (byte) pid;
        p[3] = (byte) (0x20 | ((next[pid] + 15) & 0x0F));
        p[4] = (byte) 183;
        p[5] = 0x10;
        p[6] = (byte) (base >>> 25);
        p[7] = (byte) (base >>> 17);
        p[8] = (byte) (base >>> 9);
        p[9] = (byte) (base >>> 1);
        p[10] = (byte) (((base & 1) << 7) | 0x7E);
        p[11] = 0;
        out.write(p, 0, p.length);
        return this;
    }

    /** Appends packets built elsewhere, unchanged. */
    TsBuilder append(byte[] packets) {
        out.write(packets, 0, packets.length);
        return this;
    }

    TsBuilder nullPacket(int cc) {
        return raw(TsPacket.NULL_PID, cc, false, false, new byte[0]);
    }

    /** Sections back to back on a PID, with pointer fields wherever a packet starts one. */
    TsBuilder sections(int pid, byte[]... sections) {
        byte[] all = Sections.concat(sections);
        boolean[] starts = new boolean[all.length + 1];
        for (int i = 0, at = 0; i < sections.length; at += sections[i++].length) {
            starts[at] = true;
        }
        int pos = 0;
        while (pos < all.length) {
            int firstStart = -1;
            for (int i = pos; i < Math.min(all.length, pos + PAYLOAD - 1); i++) {
                if (starts[i]) {
                    firstStart = i;
                    break;
                }
            }
            if (firstStart >= 0) {
                int take = Math.min(all.length - pos, PAYLOAD - 1);
                byte[] payload = new byte[1 + take];
                payload[0] = (byte) (firstStart - pos);
                System.arraycopy(all, pos, payload, 1, take);
                payload(pid, true, payload);
                pos += take;
            } else {
                int take = Math.min(all.length - pos, PAYLOAD);
                payload(pid, false, Arrays.copyOfRange(all, pos, pos + take));
                pos += take;
            }
        }
        return this;
    }

    /** The packets written since the last drain; the continuity counters carry on. */
    byte[] drain() {
        byte[] packets = out.toByteArray();
        out.reset();
        return packets;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A packet; payload null means adaptation field only; short payloads are padded with 0xFF. */
    TsBuilder raw(int pid, int cc, boolean unitStart, boolean discontinuityIndicator, byte[] payload) {
        byte[] p = new byte[TsPacket.SIZE];
        Arrays.fill(p, (byte) 0xFF);
        p[0] = TsPacket.SYNC;
        p[1] = (byte) ((unitStart ? 0x40 : 0) | (pid >> 8));
        p[2] = (byte) pid;
        int at = 4;
        if (discontinuityIndicator || payload == null) {
            int fieldLength = payload == null ? 183 : 1;
            p[3] = (byte) ((payload == null ? 0x20 : 0x30) | cc);
            p[4] = (byte) fieldLength;
            p[5] = (byte) (discontinuityIndicator ? 0x80 : 0x00);
            at = 5 + fieldLength;
        } else {
            p[3] = (byte) (0x10 | cc);
        }
        if (payload != null) {
            if (payload.length > TsPacket.SIZE - at) {
                throw new IllegalArgumentException("payload too long");
            }
            System.arraycopy(payload, 0, p, at, payload.length);
        }
        out.write(p, 0, p.length);
        return this;
    }
}
