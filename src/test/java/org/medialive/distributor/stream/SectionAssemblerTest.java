package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SectionAssemblerTest {

    private static final int PID = 0x1F4;

    @Test
    void rebuildsSectionsPackedBackToBackWhateverTheirSizes() {
        Random random = new Random(7);
        List<byte[]> sections = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sections.add(section(i, 1 + random.nextInt(600)));
        }
        byte[] ts = new TsBuilder().sections(PID, sections.toArray(byte[][]::new)).toByteArray();

        assertThat(assemble(ts)).containsExactlyElementsOf(sections);
    }

    @Test
    void rebuildsAHeaderSplitAtEveryPositionOfAPacketBoundary() {
        // the first section ends at each of the last bytes of the first packet in turn, so the second
        // one's 3-byte header is cut after 0, 1, 2 and 3 bytes
        for (int firstSize = 178; firstSize <= 186; firstSize++) {
            byte[] first = section(1, firstSize - 3);
            byte[] second = section(2, 40);
            byte[] ts = new TsBuilder().sections(PID, first, second).toByteArray();
            assertThat(assemble(ts)).as("first section of %d bytes", firstSize).containsExactly(first, second);
        }
    }

    @Test
    void rebuildsTheLargestPrivateSection() {
        byte[] largest = section(9, 4093);
        assertThat(largest).hasSize(SectionAssembler.MAX_SECTION);
        byte[] ts = new TsBuilder().sections(PID, largest, section(10, 5)).toByteArray();
        assertThat(assemble(ts)).containsExactly(largest, section(10, 5));
    }

    @Test
    void aLostPacketCostsOnlyTheSectionItCut() {
        byte[] a = section(1, 300);
        byte[] b = section(2, 300);
        byte[] c = section(3, 300);
        // each section on its own packets: a = packets 0-1, b = 2-3, c = 4-5
        byte[] ts = new TsBuilder().sections(PID, a).sections(PID, b).sections(PID, c).toByteArray();
        byte[] withoutPacket3 = remove(ts, 3);

        assertThat(assemble(withoutPacket3)).containsExactly(a, c);
    }

    @Test
    void aRepeatedPacketIsUsedOnce() {
        byte[] a = section(1, 500);
        byte[] ts = new TsBuilder().sections(PID, a, section(2, 10)).toByteArray();
        byte[] withDuplicate = duplicate(ts, 1);

        assertThat(assemble(withDuplicate)).containsExactly(a, section(2, 10));
    }

    @Test
    void aDifferentPacketUnderTheSameCounterIsRead() {
        // as in the third-party streams: a rewritten table sent right after the original, same counter
        byte[] original = section(1, 20);
        byte[] rewritten = section(2, 30);
        TsBuilder builder = new TsBuilder().sections(PID, original);
        byte[] second = new TsBuilder().sections(PID, rewritten).toByteArray(); // counter 0 again
        byte[] ts = builder.append(second).toByteArray();

        assertThat(assemble(ts)).containsExactly(original, rewritten);
    }

    @Test
    void anImpossibleLengthIsDroppedAndTheNextSectionStillRead() {
        byte[] bogus = {(byte) 0xFC, 0x3F, (byte) 0xFF, 1, 2, 3}; // section_length 4095 > 4093
        byte[] good = section(5, 50);
        byte[] ts = new TsBuilder().sections(PID, bogus).sections(PID, good).toByteArray();

        assertThat(assemble(ts)).containsExactly(good);
    }

    @Test
    void aPointerFieldPastThePacketIsDropped() {
        byte[] good = section(5, 50);
        byte[] payload = new byte[184];
        payload[0] = (byte) 200;
        byte[] ts = new TsBuilder().payload(PID, true, payload).sections(PID, good).toByteArray();

        assertThat(assemble(ts)).containsExactly(good);
    }

    @Test
    void aPacketFlaggedAsCorruptCutsItsSection() {
        byte[] a = section(1, 300);
        byte[] b = section(2, 30);
        byte[] ts = new TsBuilder().sections(PID, a).sections(PID, b).toByteArray();
        ts[TsPacket.SIZE + 1] |= (byte) 0x80; // transport_error_indicator on a's second packet

        assertThat(assemble(ts)).containsExactly(b);
    }

    /** A section with table_id 0xFC and {@code bodyLength} bytes after the header, content from the seed. */
    static byte[] section(int seed, int bodyLength) {
        byte[] s = new byte[3 + bodyLength];
        s[0] = (byte) 0xFC;
        s[1] = (byte) (0x30 | (bodyLength >> 8));
        s[2] = (byte) bodyLength;
        for (int i = 3; i < s.length; i++) {
            s[i] = (byte) (seed * 31 + i);
        }
        return s;
    }

    static List<byte[]> assemble(byte[] ts) {
        List<byte[]> found = new ArrayList<>();
        SectionAssembler assembler = new SectionAssembler((s, length) -> found.add(Arrays.copyOf(s, length)));
        ContinuityTracker continuity = new ContinuityTracker();
        for (int at = 0; at < ts.length; at += TsPacket.SIZE) {
            if (TsPacket.pid(ts, at) == PID) {
                assembler.accept(ts, at, continuity.next(ts, at));
            }
        }
        return found;
    }

    static byte[] remove(byte[] ts, int packet) {
        byte[] out = new byte[ts.length - TsPacket.SIZE];
        System.arraycopy(ts, 0, out, 0, packet * TsPacket.SIZE);
        System.arraycopy(ts, (packet + 1) * TsPacket.SIZE, out, packet * TsPacket.SIZE, out.length - packet * TsPacket.SIZE);
        return out;
    }

    static byte[] duplicate(byte[] ts, int packet) {
        byte[] copy = Arrays.copyOfRange(ts, packet * TsPacket.SIZE, (packet + 1) * TsPacket.SIZE);
        byte[] out = new byte[ts.length + TsPacket.SIZE];
        System.arraycopy(ts, 0, out, 0, (packet + 1) * TsPacket.SIZE);
        System.arraycopy(copy, 0, out, (packet + 1) * TsPacket.SIZE, TsPacket.SIZE);
        System.arraycopy(ts, (packet + 1) * TsPacket.SIZE, out, (packet + 2) * TsPacket.SIZE, ts.length - (packet + 1) * TsPacket.SIZE);
        return out;
    }
}
