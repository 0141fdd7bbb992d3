package org.medialive.distributor.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stream's program structure, from its PAT and PMTs. Callers skip sections that repeat the
 * previous one on their PID (same CRC), so this parses and allocates only when a table changes.
 * Any change counts, whatever its version_number: some muxers change a PMT without bumping it.
 * <p>
 * SCTE-35 PIDs are sticky: once a PMT announced a PID as stream_type 0x86, it stays watched until
 * a PMT gives that PID another stream type. Third-party test streams announce the cue PID in a
 * single PMT and then repeat the original PMT without it; a splice section identifies itself
 * (table_id and CRC), so watching a PID too many costs nothing, and missing cues costs a lot.
 */
final class ProgramMap {

    static final int PAT_PID = 0x0000;
    private static final int PAT_TABLE_ID = 0x00;

    private final Map<Integer, Integer> pmtPidByProgram = new TreeMap<>();
    private final Map<Integer, Program> programs = new TreeMap<>();
    private final Set<Integer> scte35Pids = new TreeSet<>();
    private List<Program> programList = List.of();

    /** @return whether the set of PMT PIDs may have changed */
    boolean onPat(byte[] section, int length) throws MalformedSectionException {
        check(section, length, PAT_TABLE_ID);
        if (!currentNext(section)) {
            return false;
        }
        SectionReader r = new SectionReader(section, 8, length - 4);
        Map<Integer, Integer> found = new TreeMap<>();
        while (r.remaining() >= 4) {
            int number = r.u16();
            r.skipBits(3);
            int pid = (int) r.bits(13);
            if (number != 0) { // program 0 points at the NIT, not a PMT
                found.put(number, pid);
            }
        }
        pmtPidByProgram.clear();
        pmtPidByProgram.putAll(found);
        programs.keySet().removeIf(number -> !found.containsKey(number) || programs.get(number).pmtPid() != found.get(number));
        programList = List.copyOf(programs.values());
        return true;
    }

    /** @return whether the set of SCTE-35 PIDs changed */
    boolean onPmt(int pid, byte[] section, int length) throws MalformedSectionException {
        check(section, length, PmtParser.TABLE_ID);
        int number = ((section[3] & 0xFF) << 8) | (section[4] & 0xFF);
        if (!currentNext(section)) {
            return false;
        }
        Integer announced = pmtPidByProgram.get(number);
        if (announced == null || announced != pid) {
            return false; // not the program the PAT sends to this PID
        }
        Program program = PmtParser.parse(pid, section, length);
        programs.put(number, program);
        programList = List.copyOf(programs.values());
        boolean changed = false;
        for (ElementaryStream stream : program.streams()) {
            changed |= stream.isScte35() ? scte35Pids.add(stream.pid()) : scte35Pids.remove(stream.pid());
        }
        return changed;
    }

    List<Program> programs() {
        return programList;
    }

    Set<Integer> pmtPids() {
        return new TreeSet<>(pmtPidByProgram.values());
    }

    Set<Integer> scte35Pids() {
        return Set.copyOf(scte35Pids);
    }

    /** The PCR PID of the first program, or -1 before any PMT. */
    int pcrPid() {
        return programList.isEmpty() ? -1 : programList.get(0).pcrPid();
    }

    static List<ElementaryStream> streamsOf(List<Program> programs) {
        List<ElementaryStream> streams = new ArrayList<>();
        programs.forEach(p -> streams.addAll(p.streams()));
        return List.copyOf(streams);
    }

    private static void check(byte[] section, int length, int tableId) throws MalformedSectionException {
        if (length < 12 || (section[0] & 0xFF) != tableId || (section[1] & 0x80) == 0) {
            throw new MalformedSectionException("not a table 0x" + Integer.toHexString(tableId) + " section");
        }
        if (!Crc32Mpeg.isValidSection(section, 0, length)) {
            throw new MalformedSectionException("CRC_32 mismatch");
        }
    }

    /** current_next_indicator 0 announces a table that does not apply yet. */
    private static boolean currentNext(byte[] section) {
        return (section[5] & 0x01) != 0;
    }
}
