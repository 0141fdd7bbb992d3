package org.medialive.distributor.stream;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Per-PID state indexed by PID, so the per-packet lookup is one array read. PIDs are also kept
 * in order of first packet, so a snapshot visits the few PIDs in use, not all 8192.
 * Guarded by the analyzer's lock.
 */
final class PidTable {

    private final PidState[] byPid = new PidState[TsPacket.PID_COUNT];
    private int[] seen = new int[32];
    private int seenCount;

    /** The state of a PID, created on first use (allocation happens once per PID). */
    PidState get(int pid) {
        PidState s = byPid[pid];
        return s != null ? s : (byPid[pid] = new PidState(pid));
    }

    /** Counts a packet on the PID; returns its state. */
    PidState countPacket(int pid) {
        PidState s = get(pid);
        if (s.packets++ == 0) {
            if (seenCount == seen.length) {
                seen = Arrays.copyOf(seen, seenCount * 2);
            }
            seen[seenCount++] = pid;
        }
        return s;
    }

    /** The PID's state if it exists, or null. */
    PidState find(int pid) {
        return pid >= 0 && pid < byPid.length ? byPid[pid] : null;
    }

    /**
     * Reassembles sections on exactly the PIDs given, of the kind given; a PID that keeps its
     * kind keeps its assembler, so a section in progress survives a table change.
     */
    void reassemble(Map<Integer, PidState.Sections> wanted, Function<PidState, SectionAssembler> assemblerFor) {
        for (PidState s : byPid) {
            if (s != null && s.sections != null && wanted.get(s.pid) != s.sections) {
                s.sections = null;
                s.assembler = null;
            }
        }
        wanted.forEach((pid, sections) -> {
            PidState s = get(pid);
            if (s.sections != sections) {
                s.sections = sections;
                s.assembler = assemblerFor.apply(s);
                s.lastTableCrc = -1;
            }
        });
    }

    SortedMap<Integer, Long> packetsByPid() {
        SortedMap<Integer, Long> map = new TreeMap<>();
        for (int i = 0; i < seenCount; i++) {
            map.put(seen[i], byPid[seen[i]].packets);
        }
        return Collections.unmodifiableSortedMap(map);
    }

    /** Every PID that has carried a packet except the null PID, whose counter means nothing. */
    SortedMap<Integer, Long> ccErrorsByPid() {
        SortedMap<Integer, Long> map = new TreeMap<>();
        for (int i = 0; i < seenCount; i++) {
            if (seen[i] != TsPacket.NULL_PID) {
                map.put(seen[i], byPid[seen[i]].ccErrors);
            }
        }
        return Collections.unmodifiableSortedMap(map);
    }

    /** Audio and video PIDs the PMTs announce, with what their PES headers show. */
    SortedMap<Integer, StreamActivity> activityByPid(long nowMillis) {
        SortedMap<Integer, StreamActivity> map = new TreeMap<>();
        for (PidState s : byPid) {
            if (s != null && s.pes != null) {
                map.put(s.pid, StreamActivity.of(s.pes, nowMillis));
            }
        }
        return Collections.unmodifiableSortedMap(map);
    }
}
