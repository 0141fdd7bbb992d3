package org.medialive.distributor.output;

/**
 * SCTE-35 bookkeeping of one output: cues the channel saw since the output started
 * feeding, against the sections the output wrote to its FIFO. A cue seen a tick ago
 * and still not written is missing: the output shows an alert and logs it once.
 */
final class OutputCues {

    private final CueSource source;
    private final CueTap tap;
    private boolean counting;
    private long seenBase;
    private long forwardedBase;
    private long seenAtLastTick;
    private long missing;

    OutputCues(CueSource source, boolean carried) {
        this.source = source;
        this.tap = carried ? new CueTap(source) : null;
    }

    /** The tap for the FIFO writer, or null when the protocol cannot carry SCTE-35. */
    CueTap tap() {
        return tap;
    }

    /** Counting starts when the output first takes packets; cues before that were never its to send. */
    synchronized void startCounting() {
        if (!counting) {
            counting = true;
            seenBase = source.cuesSeen().getAsLong();
            forwardedBase = tap == null ? 0 : tap.sections();
            seenAtLastTick = 0;
            missing = 0;
        }
    }

    synchronized void stopCounting() {
        counting = false;
    }

    /** Once a second; reports a newly missing cue through {@code status}. */
    synchronized void tick(OutputStatus status) {
        if (!counting) {
            return;
        }
        long seen = seen();
        if (tap != null) {
            long nowMissing = Math.max(0, seenAtLastTick - forwarded());
            // while the output is down, its own error says why; lost cues are only counted then
            if (nowMissing > missing && status.state() == OutputState.RUNNING) {
                status.error("SCTE-35: " + nowMissing + " cue(s) seen on the channel were not forwarded by this output");
            }
            missing = nowMissing;
        }
        seenAtLastTick = seen;
    }

    synchronized OutputView.Cues count() {
        if (tap == null) {
            return new OutputView.Cues(seen(), null, false, 0, "SCTE-35 cannot travel in RTMP/FLV: cues on the channel are not carried");
        }
        return new OutputView.Cues(seen(), forwarded(), true, missing, null);
    }

    private long seen() {
        return counting ? source.cuesSeen().getAsLong() - seenBase : 0;
    }

    private long forwarded() {
        return counting && tap != null ? tap.sections() - forwardedBase : 0;
    }
}
