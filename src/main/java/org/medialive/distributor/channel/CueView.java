package org.medialive.distributor.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.medialive.distributor.stream.Cue;
import org.medialive.distributor.stream.SpliceCommand;
import org.medialive.distributor.stream.SpliceDescriptor;
import org.medialive.distributor.stream.SpliceTime;

/**
 * One SCTE-35 cue as the cue log shows it. Times are 90 kHz PTS values (with
 * pts_adjustment applied) and the same in seconds; null where the cue does not say.
 *
 * @param command      splice_null, splice_insert, time_signal, bandwidth_reservation, private_command or other
 * @param segmentation the segmentation descriptors' type ids (e.g. 0x34 provider placement opportunity start)
 * @param input        for a channel with a backupInput: the input the cue came from ("primary" or "backup")
 * @param repeat       true when its event id was seen before from the other input (the same cue again after a switch)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CueView(Instant time, int pid, String command, Long eventId, Boolean outOfNetwork, Boolean cancel,
                      Boolean immediate, Long pts, Double ptsSeconds, Long breakDuration, Double breakSeconds,
                      Boolean autoReturn, List<Integer> segmentation, boolean crcValid, String input, Boolean repeat) {

    private static final double PTS_HZ = 90_000.0;

    static CueView of(Cue cue) {
        Instant time = Instant.ofEpochMilli(cue.receivedMillis());
        List<Integer> segmentation = cue.splice().descriptors().stream()
                .filter(d -> d instanceof SpliceDescriptor.Segmentation)
                .map(d -> ((SpliceDescriptor.Segmentation) d).typeId())
                .filter(java.util.Objects::nonNull)
                .toList();
        List<Integer> types = segmentation.isEmpty() ? null : segmentation;
        boolean crc = cue.splice().crcValid();
        SpliceCommand command = cue.splice().command();
        if (command instanceof SpliceCommand.SpliceInsert insert) {
            SpliceCommand.BreakDuration length = insert.breakDuration();
            return new CueView(time, cue.pid(), "splice_insert", insert.eventId(), insert.outOfNetwork(),
                    insert.cancel(), insert.immediate(), pts(insert.spliceTime()), seconds(pts(insert.spliceTime())),
                    length == null ? null : length.duration(), length == null ? null : seconds(length.duration()),
                    length == null ? null : length.autoReturn(), types, crc, null, null);
        }
        if (command instanceof SpliceCommand.TimeSignal signal) {
            return new CueView(time, cue.pid(), "time_signal", null, null, null, null,
                    pts(signal.time()), seconds(pts(signal.time())), null, null, null, types, crc, null, null);
        }
        String name = command instanceof SpliceCommand.SpliceNull ? "splice_null"
                : command instanceof SpliceCommand.BandwidthReservation ? "bandwidth_reservation"
                : command instanceof SpliceCommand.PrivateCommand ? "private_command" : "other";
        return new CueView(time, cue.pid(), name, null, null, null, null, null, null, null, null, null, types, crc, null, null);
    }

    /** The same cue, saying which input it came from. */
    CueView from(CueOrigins.Origin origin) {
        if (origin == null) {
            return this;
        }
        return new CueView(time, pid, command, eventId, outOfNetwork, cancel, immediate, pts, ptsSeconds, breakDuration,
                breakSeconds, autoReturn, segmentation, crcValid, origin.input(), origin.repeat() ? Boolean.TRUE : null);
    }

    private static Long pts(SpliceTime time) {
        return time == null ? null : time.adjustedPts();
    }

    private static Double seconds(Long ticks) {
        return ticks == null ? null : Math.round(ticks / PTS_HZ * 1000) / 1000.0;
    }
}
