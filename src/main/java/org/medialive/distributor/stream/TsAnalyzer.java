package org.medialive.distributor.stream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.medialive.distributor.ingest.TsSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one channel's stream: programs and elementary streams (PAT/PMT), packets and
 * continuity errors per PID, and SCTE-35 cues. Fed every packet by the channel's receiver, one
 * call at a time; read by the API from other threads. Per packet it reads the PID and continuity
 * counter and reassembles sections only on PAT, PMT and SCTE-35 PIDs, allocating nothing unless
 * a table changes or a cue arrives. The lock is uncontended in practice: snapshots are taken
 * about once a second and only copy a few counters.
 * <p>
 * It also measures the ETSI TR 101 290 priority 1 and 2 indicators ({@link Tr101290}) and, from
 * the PES headers of audio and video PIDs, whether frames arrive and the video frame rate.
 */
public final class TsAnalyzer implements TsSink {

    private static final Logger LOG = LoggerFactory.getLogger(TsAnalyzer.class);
    static final int CUE_LOG_SIZE = 100;

    private final PidTable pids = new PidTable();
    private final ProgramMap programMap = new ProgramMap();
    private final CueLog cueLog = new CueLog(CUE_LOG_SIZE);
    private final List<Cue> undelivered = new ArrayList<>();
    private final Clock clock;
    private final Consumer<Cue> listener;
    private volatile Set<Integer> scte35Pids = Set.of();
    private long packets;
    private long totalCcErrors;
    private long invalidSections;
    private int pcrPid = -1;
    private final Tr101290 tr101290;
    /** Arrival time of the batch being analysed. */
    private long nowMillis;

    public TsAnalyzer() {
        this(Clock.systemUTC(), cue -> { });
    }

    /** @param listener told of each cue on the receive thread, after the analyzer's lock is released: keep it short */
    public TsAnalyzer(Clock clock, Consumer<Cue> listener) {
        this(clock, listener, Tr101290Limits.STANDARD);
    }

    /** @param limits the TR 101 290 intervals to measure against */
    public TsAnalyzer(Clock clock, Consumer<Cue> listener, Tr101290Limits limits) {
        this.clock = clock;
        this.listener = listener;
        this.tr101290 = new Tr101290(limits, pids);
        pids.reassemble(Map.of(ProgramMap.PAT_PID, PidState.Sections.PAT), this::assemblerFor);
    }

    @Override
    public void accept(byte[] buffer, int offset, int length) {
        List<Cue> decoded = null;
        synchronized (this) {
            nowMillis = clock.millis();
            tr101290.arrived(nowMillis);
            tr101290.sync.synced(length / TsPacket.SIZE);
            for (int at = offset, end = offset + length; at + TsPacket.SIZE <= end; at += TsPacket.SIZE) {
                packet(buffer, at);
            }
            tr101290.checkIntervals(nowMillis);
            if (!undelivered.isEmpty()) {
                decoded = List.copyOf(undelivered);
                undelivered.clear();
            }
        }
        if (decoded != null) {
            deliver(decoded);
        }
    }

    /**
     * Packet slots the receiver dropped because some lack the sync byte (a TS that lost sync):
     * counted as TR 101 290 sync byte errors and sync loss, never analysed further.
     */
    @Override
    public synchronized void unsynced(byte[] buffer, int offset, int length) {
        nowMillis = clock.millis();
        tr101290.sync.slots(buffer, offset, length, nowMillis);
    }

    /** How often one TR 101 290 indicator was raised; for tests and checks. */
    public synchronized long count(Indicator indicator) {
        return tr101290.counts.count(indicator);
    }

    public synchronized StreamInfo snapshot() {
        List<Program> programs = programMap.programs();
        PidState pcr = pids.find(pcrPid);
        return new StreamInfo(programs, ProgramMap.streamsOf(programs), pcrPid, pcr != null && pcr.pcrs > 0,
                scte35Pids.stream().sorted().toList(), packets, pids.packetsByPid(), pids.ccErrorsByPid(),
                totalCcErrors, invalidSections, cueLog.seen(), tr101290.counts.snapshot(), pids.activityByPid(clock.millis()));
    }

    /** The last {@value #CUE_LOG_SIZE} cues, oldest first; lock-free. */
    public List<Cue> cues() {
        return cueLog.recent();
    }

    public long cuesSeen() {
        return cueLog.seen();
    }

    /** The PIDs carrying SCTE-35, e.g. for a {@link SectionCounter} on an output; lock-free. */
    public Set<Integer> scte35Pids() {
        return scte35Pids;
    }

    private void packet(byte[] b, int at) {
        packets++;
        int pid = TsPacket.pid(b, at);
        PidState s = pids.countPacket(pid);
        if (TsPacket.transportError(b, at)) {
            tr101290.counts.raise(Indicator.TRANSPORT_ERROR, nowMillis);
            return; // a packet flagged as corrupt may not even belong to this PID
        }
        s.lastPacketMillis = nowMillis;
        if (pid == TsPacket.NULL_PID) {
            return;
        }
        ContinuityTracker.Verdict verdict = s.continuity.next(b, at);
        if (verdict == ContinuityTracker.Verdict.ERROR) {
            s.ccErrors++;
            totalCcErrors++;
            tr101290.counts.raise(Indicator.CONTINUITY_COUNT_ERROR, nowMillis);
        }
        if (pid == pcrPid && TsPacket.hasPcr(b, at)) {
            s.pcrs++;
            if ((b[at + 4] & 0xFF) >= 7) {
                tr101290.pcr.onPcr(pid, b, at, nowMillis);
            }
        }
        if (s.pes != null && TsPacket.payloadUnitStart(b, at) && verdict != ContinuityTracker.Verdict.DUPLICATE) {
            s.pes.onUnitStart(b, at, nowMillis);
        }
        if (s.assembler != null) {
            if (s.sections != PidState.Sections.SCTE35 && TsPacket.scrambled(b, at)) {
                tr101290.scrambledTable(s, nowMillis);
            }
            s.assembler.accept(b, at, verdict);
        }
    }

    private void onSection(PidState s, byte[] section, int length) {
        try {
            if (s.sections != PidState.Sections.SCTE35 && !tr101290.onTableSection(s, section, length, nowMillis)) {
                invalidSections++;
                return;
            }
            switch (s.sections) {
                case PAT, PMT -> onTable(s, section, length);
                case SCTE35 -> onSplice(s, section, length);
            }
        } catch (MalformedSectionException | RuntimeException e) {
            invalidSections++;
            LOG.debug("Dropped a section on PID {}: {}", s.pid, e.toString());
        }
    }

    private void onTable(PidState s, byte[] section, int length) throws MalformedSectionException {
        long crc = length < 4 ? -1 : Crc32Mpeg.storedCrc(section, 0, length);
        if (crc == s.lastTableCrc) {
            return; // the usual repetition: nothing new, nothing allocated
        }
        boolean changed = s.sections == PidState.Sections.PAT
                ? programMap.onPat(section, length) : programMap.onPmt(s.pid, section, length);
        s.lastTableCrc = crc;
        pcrPid = programMap.pcrPid();
        tr101290.follow(programMap, nowMillis);
        if (changed) {
            followProgramMap(s.sections == PidState.Sections.PAT);
        }
    }

    private void onSplice(PidState s, byte[] section, int length) throws MalformedSectionException {
        SpliceInfo splice = Scte35Decoder.decode(section, 0, length);
        if (!splice.crcValid()) {
            throw new MalformedSectionException("CRC_32 mismatch"); // a bit flip could move the splice time
        }
        Cue cue = new Cue(clock.millis(), s.pid, splice);
        cueLog.add(cue);
        undelivered.add(cue);
    }

    /** Reassembles sections on exactly the PAT, the PMT PIDs and the SCTE-35 PIDs. */
    private void followProgramMap(boolean patChanged) {
        Map<Integer, PidState.Sections> wanted = new HashMap<>();
        wanted.put(ProgramMap.PAT_PID, PidState.Sections.PAT);
        Set<Integer> cuePids = programMap.scte35Pids();
        cuePids.forEach(pid -> wanted.put(pid, PidState.Sections.SCTE35));
        programMap.pmtPids().forEach(pid -> wanted.put(pid, PidState.Sections.PMT));
        pids.reassemble(wanted, this::assemblerFor);
        if (patChanged) {
            // a PMT ignored under the old PAT may belong to the new one
            programMap.pmtPids().forEach(pid -> pids.get(pid).lastTableCrc = -1);
        }
        scte35Pids = cuePids;
    }

    private SectionAssembler assemblerFor(PidState s) {
        return new SectionAssembler((section, length) -> onSection(s, section, length));
    }

    private void deliver(List<Cue> decoded) {
        for (Cue cue : decoded) {
            try {
                listener.accept(cue);
            } catch (RuntimeException e) {
                LOG.warn("Cue listener failed; the stream goes on", e);
            }
        }
    }
}
