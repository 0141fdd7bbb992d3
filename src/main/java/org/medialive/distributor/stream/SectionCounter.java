package org.medialive.distributor.stream;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.medialive.distributor.ingest.TsSink;

/**
 * Counts the complete sections with a valid CRC that pass through a TS on a set of PIDs: put on
 * an output, it proves how many cues reached that output intact (a dropped or damaged packet
 * loses its section). Fed whole packets by one thread at a time; the PID set may be changed
 * and the count read from any thread. Allocates nothing per packet.
 */
public final class SectionCounter implements TsSink {

    /** One watched PID; its fields are touched only by the thread feeding packets. */
    private static final class Slot {
        final int pid;
        final ContinuityTracker continuity = new ContinuityTracker();
        final SectionAssembler assembler;

        Slot(int pid, SectionCounter owner) {
            this.pid = pid;
            this.assembler = new SectionAssembler(owner::onSection);
        }
    }

    private static final Slot[] NONE = new Slot[0];

    /** Replaced whole when the set changes, so the packet path reads it without a lock. */
    private volatile Slot[] slots = NONE;
    private volatile long sections;

    /**
     * Watches exactly these PIDs from now on. PIDs already watched keep their state, so a section
     * in progress is not lost when another PID is added.
     */
    public synchronized void watch(Collection<Integer> pids) {
        Map<Integer, Slot> current = new HashMap<>();
        for (Slot slot : slots) {
            current.put(slot.pid, slot);
        }
        slots = pids.stream().distinct()
                .map(pid -> current.containsKey(pid) ? current.get(pid) : new Slot(pid, this))
                .toArray(Slot[]::new);
    }

    @Override
    public void accept(byte[] buffer, int offset, int length) {
        Slot[] watched = slots;
        if (watched.length == 0) {
            return;
        }
        for (int at = offset, end = offset + length; at + TsPacket.SIZE <= end; at += TsPacket.SIZE) {
            int pid = TsPacket.pid(buffer, at);
            for (Slot slot : watched) {
                if (slot.pid == pid) {
                    if (!TsPacket.transportError(buffer, at)) {
                        slot.assembler.accept(buffer, at, slot.continuity.next(buffer, at));
                    }
                    break;
                }
            }
        }
    }

    /** Whether packets on this PID are counted: callers may skip handing over the others. */
    public boolean watches(int pid) {
        for (Slot slot : slots) {
            if (slot.pid == pid) {
                return true;
            }
        }
        return false;
    }

    /** Complete sections with a valid CRC counted so far on the watched PIDs. */
    public long sections() {
        return sections;
    }

    private void onSection(byte[] section, int length) {
        if (Crc32Mpeg.isValidSection(section, 0, length)) {
            sections++; // one writer: the thread feeding packets
        }
    }
}
