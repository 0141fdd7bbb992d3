package org.medialive.distributor.output;

import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the channel's stream analysis knows about SCTE-35, as outputs need it: how many
 * cues it has seen so far, and on which PIDs they travel.
 */
public record CueSource(LongSupplier cuesSeen, Supplier<Set<Integer>> scte35Pids) {

    public static final CueSource NONE = new CueSource(() -> 0, Set::of);
}
