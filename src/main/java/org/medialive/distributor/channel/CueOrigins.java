package org.medialive.distributor.channel;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.medialive.distributor.stream.Cue;
import org.medialive.distributor.stream.SpliceCommand;
import org.medialive.distributor.stream.SpliceDescriptor;

/**
 * For a channel with a backupInput: which input each cue of the channel's cue log came from, and
 * whether its event id (splice_event_id, or a segmentation_event_id) had been seen from the
 * other input already: MediaLive's two pipelines carry the same cues, so after a switch the
 * outputs may get a cue a second time.
 */
final class CueOrigins {

    /** The cue log keeps 100 cues; event ids are remembered a little longer. */
    private static final int CUES = 200;
    private static final int EVENT_IDS = 1000;

    record Origin(String input, boolean repeat) {
    }

    private final Map<Cue, Origin> origins = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Cue, Origin> eldest) {
            return size() > CUES;
        }
    };
    private final Map<Long, EnumSet<InputRole>> eventIds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, EnumSet<InputRole>> eldest) {
            return size() > EVENT_IDS;
        }
    };

    /** A cue decoded from what the outputs got, while {@code from} was the active input. */
    synchronized Origin seen(Cue cue, InputRole from) {
        Long id = eventId(cue);
        boolean repeat = false;
        if (id != null) {
            EnumSet<InputRole> roles = eventIds.computeIfAbsent(id, k -> EnumSet.noneOf(InputRole.class));
            repeat = roles.contains(from.other());
            roles.add(from);
        }
        Origin origin = new Origin(from.word(), repeat);
        origins.put(cue, origin);
        return origin;
    }

    synchronized Origin of(Cue cue) {
        return origins.get(cue);
    }

    private static Long eventId(Cue cue) {
        if (cue.splice().command() instanceof SpliceCommand.SpliceInsert insert) {
            return insert.eventId();
        }
        return cue.splice().descriptors().stream()
                .filter(d -> d instanceof SpliceDescriptor.Segmentation)
                .map(d -> ((SpliceDescriptor.Segmentation) d).eventId())
                .findFirst().orElse(null);
    }
}
