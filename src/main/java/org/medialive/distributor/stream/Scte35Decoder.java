package org.medialive.distributor.stream;

import java.util.ArrayList;
import java.util.List;
import org.medialive.distributor.stream.SpliceCommand.BreakDuration;
import org.medialive.distributor.stream.SpliceCommand.Component;

/**
 * Decodes a splice_info_section (SCTE 35 2019+ §9.6) into an immutable {@link SpliceInfo}.
 * Every length field is checked against the bytes actually present: a malformed section is a
 * {@link MalformedSectionException}, never a runtime exception or a read beyond the section.
 */
public final class Scte35Decoder {

    public static final int TABLE_ID = 0xFC;
    static final int SPLICE_NULL = 0x00;
    static final int SPLICE_INSERT = 0x05;
    static final int TIME_SIGNAL = 0x06;
    static final int BANDWIDTH_RESERVATION = 0x07;
    static final int PRIVATE_COMMAND = 0xFF;
    /** Legacy encoders that did not know the command length sent this. */
    private static final int LENGTH_UNKNOWN = 0xFFF;
    /** From protocol_version to splice_command_type, plus descriptor_loop_length and CRC_32. */
    private static final int MIN_SECTION_LENGTH = 11 + 2 + 4;

    private Scte35Decoder() {
    }

    /** @param length at least the whole section; bytes after it are ignored */
    public static SpliceInfo decode(byte[] data, int offset, int length) throws MalformedSectionException {
        if (length < 3 || (data[offset] & 0xFF) != TABLE_ID) {
            throw new MalformedSectionException("not a splice_info_section (table_id 0xFC)");
        }
        int sectionLength = ((data[offset + 1] & 0x0F) << 8) | (data[offset + 2] & 0xFF);
        int size = 3 + sectionLength;
        if (sectionLength < MIN_SECTION_LENGTH || size > length) {
            throw new MalformedSectionException("section_length " + sectionLength + " does not fit a splice_info_section");
        }
        int crcAt = offset + size - 4;
        long crc = Crc32Mpeg.storedCrc(data, offset, size);
        boolean crcValid = Crc32Mpeg.isValidSection(data, offset, size);

        SectionReader r = new SectionReader(data, offset + 3, crcAt);
        int protocolVersion = r.u8();
        boolean encrypted = r.flag();
        int algorithm = (int) r.bits(6);
        long ptsAdjustment = r.bits(33);
        int cwIndex = r.u8();
        int tier = (int) r.bits(12);
        int commandLength = (int) r.bits(12);
        int commandType = r.u8();
        if (encrypted) {
            // everything after the command type is ciphertext: only the clear header can be trusted
            return new SpliceInfo(TABLE_ID, size, protocolVersion, true, algorithm, ptsAdjustment, cwIndex, tier,
                    commandType, commandLength, new SpliceCommand.Undecoded(commandType, r.hex(r.remaining())),
                    List.of(), crc, crcValid);
        }
        SpliceCommand command;
        if (commandLength == LENGTH_UNKNOWN) {
            command = command(r, commandType, ptsAdjustment, false);
        } else {
            int commandEnd = r.position() + commandLength;
            int limit = r.narrow(commandLength);
            command = command(r, commandType, ptsAdjustment, true);
            r.restoreLimit(limit);
            r.seek(commandEnd); // bytes a newer protocol may append to a command are skipped
        }
        List<SpliceDescriptor> descriptors = SpliceDescriptorDecoder.readLoop(r);
        return new SpliceInfo(TABLE_ID, size, protocolVersion, false, algorithm, ptsAdjustment, cwIndex, tier,
                commandType, commandLength, command, descriptors, crc, crcValid);
    }

    private static SpliceCommand command(SectionReader r, int type, long ptsAdjustment, boolean lengthKnown)
            throws MalformedSectionException {
        switch (type) {
            case SPLICE_NULL:
                return new SpliceCommand.SpliceNull();
            case SPLICE_INSERT:
                return spliceInsert(r, ptsAdjustment);
            case TIME_SIGNAL:
                return new SpliceCommand.TimeSignal(spliceTime(r, ptsAdjustment));
            case BANDWIDTH_RESERVATION:
                return new SpliceCommand.BandwidthReservation();
            default:
                if (!lengthKnown) {
                    throw new MalformedSectionException("command 0x" + Integer.toHexString(type)
                            + " without splice_command_length cannot be delimited");
                }
                if (type == PRIVATE_COMMAND) {
                    return new SpliceCommand.PrivateCommand(r.u32(), r.hex(r.remaining()));
                }
                return new SpliceCommand.Undecoded(type, r.hex(r.remaining()));
        }
    }

    private static SpliceCommand.SpliceInsert spliceInsert(SectionReader r, long ptsAdjustment)
            throws MalformedSectionException {
        long eventId = r.u32();
        boolean cancel = r.flag();
        r.skipBits(7);
        if (cancel) {
            return new SpliceCommand.SpliceInsert(eventId, true, false, false, false, null, List.of(), null, 0, 0, 0);
        }
        boolean outOfNetwork = r.flag();
        boolean programSplice = r.flag();
        boolean durationFlag = r.flag();
        boolean immediate = r.flag();
        r.skipBits(4);
        SpliceTime time = programSplice && !immediate ? spliceTime(r, ptsAdjustment) : null;
        List<Component> components = List.of();
        if (!programSplice) {
            int count = r.u8();
            List<Component> found = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int tag = r.u8();
                found.add(new Component(tag, immediate ? null : spliceTime(r, ptsAdjustment)));
            }
            components = List.copyOf(found);
        }
        BreakDuration breakDuration = null;
        if (durationFlag) {
            boolean autoReturn = r.flag();
            r.skipBits(6);
            breakDuration = new BreakDuration(autoReturn, r.bits(33));
        }
        return new SpliceCommand.SpliceInsert(eventId, false, outOfNetwork, programSplice, immediate, time,
                components, breakDuration, r.u16(), r.u8(), r.u8());
    }

    private static SpliceTime spliceTime(SectionReader r, long ptsAdjustment) throws MalformedSectionException {
        if (!r.flag()) {
            r.skipBits(7);
            return null;
        }
        r.skipBits(6);
        return SpliceTime.of(r.bits(33), ptsAdjustment);
    }
}
