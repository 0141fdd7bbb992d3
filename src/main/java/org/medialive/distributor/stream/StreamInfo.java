package org.medialive.distributor.stream;

import java.util.List;
import java.util.SortedMap;

/**
 * A consistent snapshot of what one channel's stream carries.
 *
 * @param streams        every program's elementary streams, from the latest PMTs
 * @param pcrPid         the first program's PCR PID; -1 before a PMT, 0x1FFF when it has none
 * @param pcrPresent     whether a PCR has arrived on that PID
 * @param scte35Pids     PIDs watched for cues (announced as stream_type 0x86), ascending
 * @param packetsByPid   TS packets received per PID, including the null PID
 * @param ccErrorsByPid  continuity errors per PID, for every PID seen but the null PID (0 included)
 * @param invalidSections PAT, PMT and SCTE-35 sections dropped as malformed or with a bad CRC
 * @param cuesSeen       valid splice_info_sections decoded since the analyzer started
 * @param tr101290       the ETSI TR 101 290 priority 1 and 2 indicators, in the standard's order
 * @param activityByPid  per audio and video PID: PES arriving, frame rate
 */
public record StreamInfo(List<Program> programs, List<ElementaryStream> streams, int pcrPid, boolean pcrPresent,
                         List<Integer> scte35Pids, long packets, SortedMap<Integer, Long> packetsByPid,
                         SortedMap<Integer, Long> ccErrorsByPid, long totalCcErrors, long invalidSections,
                         long cuesSeen, List<IndicatorCount> tr101290,
                         SortedMap<Integer, StreamActivity> activityByPid) {
}
