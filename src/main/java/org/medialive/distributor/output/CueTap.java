package org.medialive.distributor.output;

import java.nio.ByteBuffer;
import java.util.Set;
import org.medialive.distributor.stream.SectionCounter;
import org.medialive.distributor.stream.TsPacket;

/**
 * Counts the SCTE-35 sections an output actually wrote to its FIFO, on the PIDs the
 * channel's analysis found, so the output can prove it forwarded every cue the channel saw.
 * Looks at each written packet's PID where it lies in the output's ring and copies only the
 * packets on those PIDs (a few a second), not the whole stream (~5,000 packets a second).
 * Runs on the FIFO flusher's thread (the ingest event loop) only.
 */
final class CueTap implements PacketRing.PacketTap {

    private final SectionCounter counter = new SectionCounter();
    private final CueSource source;
    private final byte[] packet = new byte[TsPacket.SIZE];
    private Set<Integer> watched = Set.of();

    CueTap(CueSource source) {
        this.source = source;
    }

    @Override
    public void packet(ByteBuffer ring, int at) {
        Set<Integer> pids = source.scte35Pids().get();
        if (pids != watched) {
            counter.watch(pids);
            watched = pids;
        }
        int pid = (ring.get(at + 1) & 0x1F) << 8 | ring.get(at + 2) & 0xFF;
        if (counter.watches(pid)) {
            ring.get(at, packet);
            counter.accept(packet, 0, packet.length);
        }
    }

    long sections() {
        return counter.sections();
    }
}
