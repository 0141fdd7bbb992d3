package org.medialive.distributor.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds PSI and SCTE-35 sections for tests, bit by bit from the standards' syntax tables. */
final class Sections {

    private Sections() {
    }

    /** Sets section_length for a body (table_id up to, not including, CRC_32) and appends the CRC. */
    static byte[] withCrc(byte[] body) {
        byte[] section = Arrays.copyOf(body, body.length + 4);
        int sectionLength = section.length - 3;
        section[1] = (byte) ((section[1] & 0xF0) | (sectionLength >> 8));
        section[2] = (byte) sectionLength;
        int crc = Crc32Mpeg.compute(section, 0, body.length);
        section[body.length] = (byte) (crc >>> 24);
        section[body.length + 1] = (byte) (crc >>> 16);
        section[body.length + 2] = (byte) (crc >>> 8);
        section[body.length + 3] = (byte) crc;
        return section;
    }

    /** @param programAndPmtPid pairs: program_number, PMT PID */
    static byte[] pat(int... programAndPmtPid) {
        BitWriter w = psiHeader(0x00, 1, 0);
        for (int i = 0; i < programAndPmtPid.length; i += 2) {
            w.bits(programAndPmtPid[i], 16).ones(3).bits(programAndPmtPid[i + 1], 13);
        }
        return withCrc(w.toByteArray());
    }

    record Es(int streamType, int pid, byte[] descriptors) {
        Es(int streamType, int pid) {
            this(streamType, pid, new byte[0]);
        }
    }

    static byte[] pmt(int program, int version, int pcrPid, byte[] programInfo, Es... streams) {
        BitWriter w = psiHeader(0x02, program, version).ones(3).bits(pcrPid, 13)
                .ones(4).bits(programInfo.length, 12).bytes(programInfo);
        for (Es es : streams) {
            w.bits(es.streamType(), 8).ones(3).bits(es.pid(), 13).ones(4).bits(es.descriptors().length, 12)
                    .bytes(es.descriptors());
        }
        return withCrc(w.toByteArray());
    }

    static byte[] descriptor(int tag, byte[] data) {
        byte[] d = new byte[2 + data.length];
        d[0] = (byte) tag;
        d[1] = (byte) data.length;
        System.arraycopy(data, 0, d, 2, data.length);
        return d;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** A splice_insert (SCTE 35 §9.7.3) of a program splice at a given PTS with a break duration. */
    static byte[] spliceInsert(long eventId, long pts, long duration, boolean autoReturn, long ptsAdjustment) {
        BitWriter w = spliceHeader(ptsAdjustment, 20, 0x05)
                .bits(eventId, 32).bits(0, 1).ones(7)
                .bits(1, 1).bits(1, 1).bits(1, 1).bits(0, 1).ones(4) // out of network, program, duration, not immediate
                .bits(1, 1).ones(6).bits(pts, 33)
                .bits(autoReturn ? 1 : 0, 1).ones(6).bits(duration, 33)
                .bits(7, 16).bits(1, 8).bits(2, 8) // unique_program_id, avail_num, avails_expected
                .bits(0, 16);
        return withCrc(w.toByteArray());
    }

    static byte[] spliceNull() {
        return withCrc(spliceHeader(0, 0, 0x00).bits(0, 16).toByteArray());
    }

    static BitWriter spliceHeader(long ptsAdjustment, int commandLength, int commandType) {
        return new BitWriter().bits(0xFC, 8).bits(0, 1).bits(0, 1).bits(3, 2).bits(0, 12)
                .bits(0, 8).bits(0, 1).bits(0, 6).bits(ptsAdjustment, 33).bits(0, 8).bits(0xFFF, 12)
                .bits(commandLength, 12).bits(commandType, 8);
    }

    private static BitWriter psiHeader(int tableId, int idExtension, int version) {
        return new BitWriter().bits(tableId, 8).bits(1, 1).bits(0, 1).ones(2).bits(0, 12)
                .bits(idExtension, 16).ones(2).bits(version, 5).bits(1, 1).bits(0, 8).bits(0, 8);
    }
}
