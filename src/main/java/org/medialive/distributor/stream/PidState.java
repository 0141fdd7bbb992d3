package org.medialive.distributor.stream;

/** What the analyzer tracks for one PID; touched only under the analyzer's lock. */
final class PidState {

    enum Sections { PAT, PMT, SCTE35 }

    final int pid;
    final ContinuityTracker continuity = new ContinuityTracker();
    long packets;
    long ccErrors;
    long pcrs;
    /** Which sections this PID is reassembled for; null when it is not. */
    Sections sections;
    SectionAssembler assembler;
    /** CRC of the last table section accepted on this PID: an identical repeat is skipped. */
    long lastTableCrc = -1;
    /** Arrival of the last packet, for TR 101 290 PID errors (restarted after each error). */
    long lastPacketMillis;
    /** Arrival of the last valid PMT section on this PID, for TR 101 290 PMT errors. */
    long lastSectionMillis;
    /** PES timing of an audio or video PID a PMT announces; null on other PIDs. */
    PesTiming pes;

    PidState(int pid) {
        this.pid = pid;
    }
}
