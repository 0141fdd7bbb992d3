package org.medialive.distributor.stream;

import java.util.List;

/**
 * One program of the stream: its PAT entry and its latest PMT.
 *
 * @param pcrPid        PID carrying this program's clock; 0x1FFF when the program has none
 * @param registrations format_identifiers of registration descriptors in the program_info loop,
 *                      e.g. "CUEI" which marks stream_type 0x86 as SCTE-35
 */
public record Program(int number, int pmtPid, int pcrPid, List<String> registrations, List<ElementaryStream> streams) {
}
