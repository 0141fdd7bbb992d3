package org.medialive.distributor.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * ETSI TR 101 290 priority 1 and 2 checks of one input, driven by the {@link TsAnalyzer} on the
 * ingest thread. Per packet the analyzer does what costs nothing (flags it reads anyway); the
 * "did X arrive often enough" checks run here at most every {@value #CHECK_EVERY_MILLIS} ms over
 * the few PIDs the tables refer to. Each missed interval raises its indicator once, then the
 * interval starts again. Guarded by the analyzer's lock.
 */
final class Tr101290 {

    static final long CHECK_EVERY_MILLIS = 100;
    /** A gap in arrival this long is a loss of signal (reported as such), not a table or stream missing from a flowing TS. */
    static final long SILENCE_MILLIS = 1000;

    final IndicatorCounts counts = new IndicatorCounts();
    final SyncCheck sync = new SyncCheck(counts);
    final PcrCheck pcr;
    private final Tr101290Limits limits;
    private final PidTable pids;
    private long lastPatMillis;
    private long lastArrivalMillis = -1;
    private long nextCheckMillis;
    private int[] pmtPids = new int[0];
    private int[] esPids = new int[0];
    private int[] pesPids = new int[0];

    Tr101290(Tr101290Limits limits, PidTable pids) {
        this.limits = limits;
        this.pids = pids;
        this.pcr = new PcrCheck(counts, limits);
    }

    /** Before a batch of packets that arrived at {@code nowMillis}. */
    void arrived(long nowMillis) {
        if (lastArrivalMillis < 0 || nowMillis - lastArrivalMillis > SILENCE_MILLIS) {
            restart(nowMillis);
        }
        lastArrivalMillis = nowMillis;
    }

    /** After a batch: the interval checks, when their time has come. */
    void checkIntervals(long nowMillis) {
        if (nowMillis < nextCheckMillis) {
            return;
        }
        nextCheckMillis = nowMillis + CHECK_EVERY_MILLIS;
        if (nowMillis - lastPatMillis > limits.pat().toMillis()) {
            counts.raise(Indicator.PAT_ERROR, nowMillis);
            lastPatMillis = nowMillis;
        }
        for (int pid : pmtPids) {
            PidState s = pids.get(pid);
            if (nowMillis - s.lastSectionMillis > limits.pmt().toMillis()) {
                counts.raise(Indicator.PMT_ERROR, nowMillis);
                s.lastSectionMillis = nowMillis;
            }
        }
        for (int pid : esPids) {
            PidState s = pids.get(pid);
            if (nowMillis - s.lastPacketMillis > limits.pid().toMillis()) {
                counts.raise(Indicator.PID_ERROR, nowMillis);
                s.lastPacketMillis = nowMillis;
            }
        }
        for (int pid : pesPids) {
            PesTiming pes = pids.get(pid).pes;
            if (nowMillis - pes.lastPtsMillis > limits.pts().toMillis()) {
                counts.raise(Indicator.PTS_ERROR, nowMillis);
                pes.lastPtsMillis = nowMillis;
            }
        }
    }

    /**
     * A complete section on the PAT or a PMT PID. @return whether it may be parsed: a PAT PID
     * section that is not a PAT (1.3.a) or a section with a bad CRC (2.2) is counted and refused.
     */
    boolean onTableSection(PidState s, byte[] section, int length, long nowMillis) {
        boolean pat = s.sections == PidState.Sections.PAT;
        int tableId = length > 0 ? section[0] & 0xFF : -1;
        if (pat && tableId != 0x00) {
            counts.raise(Indicator.PAT_ERROR, nowMillis);
            return false;
        }
        if (length < 4 || !Crc32Mpeg.isValidSection(section, 0, length)) {
            counts.raise(Indicator.CRC_ERROR, nowMillis);
            return false;
        }
        if (pat) {
            lastPatMillis = nowMillis;
        } else if (tableId == PmtParser.TABLE_ID) {
            s.lastSectionMillis = nowMillis;
        }
        return true;
    }

    /** A PAT or PMT packet with scrambling_control set: those tables must be sent in the clear. */
    void scrambledTable(PidState s, long nowMillis) {
        counts.raise(s.sections == PidState.Sections.PAT ? Indicator.PAT_ERROR : Indicator.PMT_ERROR, nowMillis);
    }

    /** The tables changed: watch exactly the PMTs and elementary streams they now refer to. */
    void follow(ProgramMap programMap, long nowMillis) {
        pmtPids = programMap.pmtPids().stream().mapToInt(Integer::intValue).toArray();
        List<Integer> es = new ArrayList<>();
        List<Integer> pes = new ArrayList<>();
        for (ElementaryStream stream : ProgramMap.streamsOf(programMap.programs())) {
            if (stream.isScte35()) {
                continue; // cues come when there is an avail: a quiet cue PID is normal
            }
            es.add(stream.pid());
            PidState s = pids.get(stream.pid());
            boolean video = PesTiming.isVideo(stream.codec());
            if (video || PesTiming.isAudio(stream.codec())) {
                pes.add(stream.pid());
                if (s.pes == null || s.pes.video != video) {
                    s.pes = new PesTiming(video, nowMillis);
                }
            } else {
                s.pes = null;
            }
        }
        for (int pid : pmtPids) {
            giveGrace(pids.get(pid), nowMillis, false);
        }
        es.forEach(pid -> giveGrace(pids.get(pid), nowMillis, !contains(esPids, pid)));
        esPids = es.stream().mapToInt(Integer::intValue).toArray();
        for (int pid : pesPids) {
            if (!pes.contains(pid)) {
                pids.get(pid).pes = null; // no longer announced: neither checked nor shown
            }
        }
        pesPids = pes.stream().mapToInt(Integer::intValue).toArray();
    }

    private void restart(long nowMillis) {
        lastPatMillis = nowMillis;
        for (int pid : pmtPids) {
            pids.get(pid).lastSectionMillis = nowMillis;
        }
        for (int pid : esPids) {
            pids.get(pid).lastPacketMillis = nowMillis;
        }
        for (int pid : pesPids) {
            pids.get(pid).pes.lastPtsMillis = nowMillis;
        }
        pcr.restart();
        nextCheckMillis = nowMillis + CHECK_EVERY_MILLIS;
    }

    /** A PMT or stream newly referred to gets a full interval from now, not from whenever it was last seen. */
    private static void giveGrace(PidState s, long nowMillis, boolean newlyReferred) {
        if (s.lastSectionMillis == 0) {
            s.lastSectionMillis = nowMillis;
        }
        if (newlyReferred) {
            s.lastPacketMillis = Math.max(s.lastPacketMillis, nowMillis);
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
