package org.medialive.distributor.stream;

import java.util.List;

/** The splice_command() of a splice_info_section (SCTE 35 2019+ §9.7). */
public sealed interface SpliceCommand {

    record SpliceNull() implements SpliceCommand {
    }

    /**
     * splice_insert (0x05). When {@code cancel} is set only the event id is meaningful.
     *
     * @param spliceTime    program splice time, null when immediate, cancelled, in component mode
     *                      or sent without time_specified_flag
     * @param components    component mode (program_splice_flag 0): one entry per component
     * @param breakDuration null when duration_flag is 0
     */
    record SpliceInsert(long eventId, boolean cancel, boolean outOfNetwork, boolean programSplice,
                        boolean immediate, SpliceTime spliceTime, List<Component> components,
                        BreakDuration breakDuration, int uniqueProgramId, int availNum, int availsExpected)
            implements SpliceCommand {
    }

    /** @param spliceTime null when sent without a time (time_specified_flag 0) or immediate */
    record Component(int tag, SpliceTime spliceTime) {
    }

    /** @param duration 90 kHz ticks */
    record BreakDuration(boolean autoReturn, long duration) {
    }

    /** time_signal (0x06). @param time null when time_specified_flag is 0 */
    record TimeSignal(SpliceTime time) implements SpliceCommand {
    }

    record BandwidthReservation() implements SpliceCommand {
    }

    /** private_command (0xFF). @param identifier a registered 32-bit identifier, usually 4 ASCII characters */
    record PrivateCommand(long identifier, String dataHex) implements SpliceCommand {
    }

    /** A command type this decoder does not read (splice_schedule, reserved types) or an encrypted command. */
    record Undecoded(int type, String dataHex) implements SpliceCommand {
    }
}
