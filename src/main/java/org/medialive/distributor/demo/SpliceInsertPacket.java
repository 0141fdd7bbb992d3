package org.medialive.distributor.demo;

import java.util.Arrays;
import org.medialive.distributor.stream.Crc32Mpeg;
import org.medialive.distributor.stream.TsPacket;

/**
 * Writes one TS packet carrying a splice_insert section (SCTE 35 2019+ §9.7.3): a program
 * splice out of the network at a given PTS, with a break duration that returns automatically.
 */
final class SpliceInsertPacket {

    private static final int COMMAND_LENGTH = 20;
    /** protocol_version to splice_command_type, the command, descriptor_loop_length, CRC_32. */
    private static final int SECTION_LENGTH = 11 + COMMAND_LENGTH + 2 + 4;

    private SpliceInsertPacket() {
    }

    static void write(byte[] b, int at, int pid, int cc, long eventId, long splicePts, long breakDuration) {
        Arrays.fill(b, at, at + TsPacket.SIZE, (byte) 0xFF);
        b[at] = TsPacket.SYNC;
        b[at + 1] = (byte) (0x40 | (pid >> 8)); // payload_unit_start: the section starts here
        b[at + 2] = (byte) pid;
        b[at + 3] = (byte) (0x10 | (cc & 0x0F));
        b[at + 4] = 0; // pointer_field
        int s = at + 5;
        int i = s;
        b[i++] = (byte) 0xFC;
        b[i++] = (byte) (0x30 | (SECTION_LENGTH >> 8)); // no syntax, not private, sap_type 3 (unspecified)
        b[i++] = (byte) SECTION_LENGTH;
        b[i++] = 0; // protocol_version
        i = putZeros(b, i, 5); // not encrypted, pts_adjustment 0
        b[i++] = 0; // cw_index
        b[i++] = (byte) 0xFF; // tier 0xFFF ...
        b[i++] = (byte) (0xF0 | (COMMAND_LENGTH >> 8)); // ... then splice_command_length
        b[i++] = (byte) COMMAND_LENGTH;
        b[i++] = 0x05;
        i = putUnsigned(b, i, eventId, 4);
        b[i++] = 0x7F; // not cancelled
        b[i++] = (byte) 0xEF; // out_of_network, program_splice, duration_flag, not immediate
        i = put33(b, i, 0xFE, splicePts); // time_specified_flag
        i = put33(b, i, 0xFE, breakDuration); // auto_return
        i = putUnsigned(b, i, 1, 2); // unique_program_id
        b[i++] = 0; // avail_num
        b[i++] = 0; // avails_expected
        i = putZeros(b, i, 2); // no descriptors
        putUnsigned(b, i, Crc32Mpeg.compute(b, s, i - s) & 0xFFFFFFFFL, 4);
    }

    /** A flag bit and 6 reserved bits in {@code high}, then a 33-bit value. */
    private static int put33(byte[] b, int i, int high, long value) {
        b[i] = (byte) (high | ((value >>> 32) & 1));
        return putUnsigned(b, i + 1, value, 4);
    }

    private static int putUnsigned(byte[] b, int i, long value, int bytes) {
        for (int k = bytes - 1; k >= 0; k--) {
            b[i++] = (byte) (value >>> (8 * k));
        }
        return i;
    }

    private static int putZeros(byte[] b, int i, int count) {
        Arrays.fill(b, i, i + count, (byte) 0);
        return i + count;
    }
}
