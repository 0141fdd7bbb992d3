package org.medialive.distributor.stream;

import java.util.List;

/**
 * One decoded splice_info_section (SCTE 35 2019+ §9.6).
 *
 * @param sectionSize   bytes from table_id to the end of CRC_32
 * @param ptsAdjustment 33-bit offset to add to every pts_time in the section
 * @param commandLength splice_command_length as sent (0xFFF from legacy encoders that did not know it)
 * @param command       null never; {@link SpliceCommand.Undecoded} when encrypted or of an unknown type
 * @param descriptors   empty when encrypted
 * @param crcValid      whether CRC_32 matches; a section with a bad CRC is decoded but not trustworthy
 */
public record SpliceInfo(int tableId, int sectionSize, int protocolVersion, boolean encrypted,
                         int encryptionAlgorithm, long ptsAdjustment, int cwIndex, int tier,
                         int commandType, int commandLength, SpliceCommand command,
                         List<SpliceDescriptor> descriptors, long crc, boolean crcValid) {
}
