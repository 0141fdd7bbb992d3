package org.medialive.distributor.output;

import java.util.Set;
import org.medialive.distributor.ingest.TsSink;
import org.medialive.distributor.stream.SectionCounter;

/**
 * Counts the SCTE-35 sections an output actually wrote to its FIFO, on the PIDs the
 * channel's analysis found, so the output can prove it forwarded every cue the channel saw.
 * Runs on the FIFO flusher's thread (the ingest event loop) only.
 */
final class CueTap implements TsSink {

    private final SectionCounter counter = new SectionCounter();
    private final CueSource source;
    private Set<Integer> watched = Set.of();

    CueTap(CueSource source) {
        this.source = source;
    }

    @Override
    public void accept(byte[] buffer, int offset, int length) {
        Set<Integer> pids = source.scte35Pids().get();
        if (pids != watched) {
            counter.watch(pids);
            watched = pids;
        }
        counter.accept(buffer, offset, length);
    }

    long sections() {
        return counter.sections();
    }
}
