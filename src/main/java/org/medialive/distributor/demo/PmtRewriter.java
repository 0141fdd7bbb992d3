package org.medialive.distributor.demo;

import java.util.Arrays;
import org.medialive.distributor.stream.Crc32Mpeg;
import org.medialive.distributor.stream.TsPacket;

/**
 * Adds an SCTE-35 elementary stream to PMT sections, in place, within their packet: FFmpeg
 * writes each PMT as one short section in one packet padded with 0xFF, so there is room.
 * The CUEI registration goes in the program_info loop because that is where FFmpeg (and
 * SCTE 35 §8.1) look before taking stream_type 0x86 for SCTE-35.
 */
final class PmtRewriter {

    private static final int PMT_TABLE_ID = 0x02;
    private static final byte[] CUEI_REGISTRATION = {0x05, 0x04, 'C', 'U', 'E', 'I'};
    private static final int ADDED = CUEI_REGISTRATION.length + 5;

    private final int scte35Pid;
    /** The first video PID of the last PMT seen, -1 before any. */
    int videoPid = -1;

    PmtRewriter(int scte35Pid) {
        this.scte35Pid = scte35Pid;
    }

    /** The PMT PID of the first program in a PAT packet, or -1 if the packet does not start a PAT. */
    static int firstPmtPid(byte[] b, int at) {
        int start = sectionStart(b, at);
        if (start < 0 || b[start] != 0) {
            return -1;
        }
        int end = start + 3 + (((b[start + 1] & 0x0F) << 8) | (b[start + 2] & 0xFF)) - 4;
        for (int i = start + 8; i + 4 <= Math.min(end, at + TsPacket.SIZE); i += 4) {
            if (((b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF)) != 0) { // program 0 is the NIT
                return ((b[i + 2] & 0x1F) << 8) | (b[i + 3] & 0xFF);
            }
        }
        return -1;
    }

    /**
     * Rewrites the PMT section starting in this packet. A damaged section is left alone; a PMT
     * this cannot rewrite in place (spanning packets, no room) is refused: the input is not what
     * this demo tool was written for.
     */
    void rewrite(byte[] b, int at) {
        int start = sectionStart(b, at);
        if (start < 0) {
            throw new IllegalArgumentException("PMT packet without the start of a section: multi-packet PMTs are not supported");
        }
        int length = 3 + (((b[start + 1] & 0x0F) << 8) | (b[start + 2] & 0xFF));
        int packetEnd = at + TsPacket.SIZE;
        if (b[start] != PMT_TABLE_ID || start + length > packetEnd) {
            throw new IllegalArgumentException("PMT section does not fit its packet: multi-packet PMTs are not supported");
        }
        if (!Crc32Mpeg.isValidSection(b, start, length)) {
            return;
        }
        int programInfoLength = ((b[start + 10] & 0x0F) << 8) | (b[start + 11] & 0xFF);
        int loopStart = start + 12 + programInfoLength;
        int loopEnd = start + length - 4;
        int video = -1;
        boolean announced = false;
        for (int i = loopStart; i + 5 <= loopEnd; i += 5 + (((b[i + 3] & 0x0F) << 8) | (b[i + 4] & 0xFF))) {
            int type = b[i] & 0xFF;
            int pid = ((b[i + 1] & 0x1F) << 8) | (b[i + 2] & 0xFF);
            announced |= pid == scte35Pid;
            if (video < 0 && (type == 0x1B || type == 0x24 || type == 0x02)) {
                video = pid;
            }
        }
        videoPid = video >= 0 ? video : videoPid;
        if (announced) {
            return; // the encoder already carries cues there: leave its PMT alone
        }
        if (start + length + ADDED > packetEnd || !stuffingOnly(b, start + length, start + length + ADDED)) {
            throw new IllegalArgumentException("no room after the PMT section for the SCTE-35 stream");
        }
        byte[] loops = Arrays.copyOfRange(b, start + 12, loopEnd);
        int at12 = start + 12;
        System.arraycopy(CUEI_REGISTRATION, 0, b, at12, CUEI_REGISTRATION.length);
        System.arraycopy(loops, 0, b, at12 + CUEI_REGISTRATION.length, loops.length);
        int entry = at12 + CUEI_REGISTRATION.length + loops.length;
        b[entry] = (byte) 0x86;
        b[entry + 1] = (byte) (0xE0 | (scte35Pid >> 8));
        b[entry + 2] = (byte) scte35Pid;
        b[entry + 3] = (byte) 0xF0; // ES_info_length 0
        b[entry + 4] = 0;
        int newInfoLength = programInfoLength + CUEI_REGISTRATION.length;
        b[start + 10] = (byte) ((b[start + 10] & 0xF0) | (newInfoLength >> 8));
        b[start + 11] = (byte) newInfoLength;
        int newSectionLength = length - 3 + ADDED;
        b[start + 1] = (byte) ((b[start + 1] & 0xF0) | (newSectionLength >> 8));
        b[start + 2] = (byte) newSectionLength;
        int crcAt = entry + 5;
        int crc = Crc32Mpeg.compute(b, start, crcAt - start);
        b[crcAt] = (byte) (crc >>> 24);
        b[crcAt + 1] = (byte) (crc >>> 16);
        b[crcAt + 2] = (byte) (crc >>> 8);
        b[crcAt + 3] = (byte) crc;
    }

    /** Offset of the first section starting in the packet, or -1. */
    private static int sectionStart(byte[] b, int at) {
        int payload = TsPacket.payloadOffset(b, at);
        if (payload < 0 || !TsPacket.payloadUnitStart(b, at)) {
            return -1;
        }
        int start = payload + 1 + (b[payload] & 0xFF);
        return start + 3 <= at + TsPacket.SIZE ? start : -1;
    }

    private static boolean stuffingOnly(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }
}
