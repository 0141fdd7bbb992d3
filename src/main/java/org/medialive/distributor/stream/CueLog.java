package org.medialive.distributor.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The most recent cues of a channel. Copy-on-write: cues arrive a few times a minute while the
 * API reads every second, so readers take the current immutable list without any lock.
 * One writer (the channel's receive path).
 */
final class CueLog {

    private final int capacity;
    private volatile List<Cue> recent = List.of();
    private volatile long seen;

    CueLog(int capacity) {
        this.capacity = capacity;
    }

    void add(Cue cue) {
        List<Cue> current = recent;
        List<Cue> next = new ArrayList<>(current.subList(Math.max(0, current.size() + 1 - capacity), current.size()));
        next.add(cue);
        recent = Collections.unmodifiableList(next);
        seen++; // single writer: a volatile increment is safe
    }

    /** Oldest first, at most the capacity; immutable. */
    List<Cue> recent() {
        return recent;
    }

    long seen() {
        return seen;
    }
}
