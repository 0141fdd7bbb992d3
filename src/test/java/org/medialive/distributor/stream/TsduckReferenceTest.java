package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TSDuck comparison itself must be able to fail: one altered value in the reference is caught. */
class TsduckReferenceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '>', value = {
        "Splice event id: 0x000003E9 (1001) > Splice event id: 0x000003EA (1002)",
        "Time PTS: 0x000030D40 > Time PTS: 0x000030D41",
        "Duration PTS: 0x0002932E0 (2,700,000, 30,000 ms), auto return: yes > Duration PTS: 0x0002932E0 (2,700,000, 30,000 ms), auto return: no",
        "Out of network: yes, program splice: yes > Out of network: no, program splice: yes",
        "Component tag: 0x02 (2) > Component tag: 0x03 (3)",
        "Upid data (8 bytes): 01 02 03 04 05 06 07 08 > Upid data (8 bytes): 01 02 03 04 05 06 07 09",
        "Segment number: 1, expected segments: 1 > Segment number: 1, expected segments: 2",
        "Segmentation type id: 0x10 > Segmentation type id: 0x11",
        "SCTE 35 Segmentation (0x02, 2), 28 bytes > SCTE 35 Segmentation (0x02, 2), 27 bytes",
        "Remaining command content (8 bytes): 00 11 22 33 44 55 66 77 > Remaining command content (8 bytes): 00 11 22 33 44 55 66 78",
        "CRC32: 0x493671BE (OK) > CRC32: 0x493671BF (OK)",
        "tier: 0xFFF (4095) > tier: 0xFFE (4094)",
        "Short section, total size: 55 bytes > Short section, total size: 56 bytes",
        "Encryption: none > Encryption: DES-ECB",
    })
    void catchesAnAlteredReferenceValue(String original, String altered) throws IOException {
        List<String> lines = SharedScte35Data.tsduckDecode("tsduck");
        List<String> mutated = replaceFirst(lines, original.trim(), altered.trim());

        assertThatCode(() -> compareAll(lines)).doesNotThrowAnyException();
        assertThatThrownBy(() -> compareAll(mutated)).isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest
    @CsvSource({"Segment number: 1, expected segments: 1", "Time: 0x0000493E0 (300,000, 3,333 ms)"})
    void catchesALineItDoesNotUnderstandOrAMissingDescriptor(String line) throws IOException {
        List<String> lines = SharedScte35Data.tsduckDecode("tsduck");
        List<String> withUnknown = replaceFirst(lines, line, line + "\n    Mystery field: 1");
        List<String> withoutDescriptor = new ArrayList<>(lines);
        int at = withoutDescriptor.indexOf(withoutDescriptor.stream().filter(l -> l.contains("- Descriptor 0")).findFirst().orElseThrow());
        withoutDescriptor.subList(at, at + 9).clear();

        assertThatThrownBy(() -> compareAll(withUnknown)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> compareAll(withoutDescriptor)).isInstanceOf(AssertionError.class);
    }

    private static void compareAll(List<String> lines) throws IOException {
        byte[] ts = SharedScte35Data.stream("tsduck");
        TsAnalyzer analyzer = new TsAnalyzer();
        analyzer.accept(ts, 0, ts.length);
        List<List<String>> reference = TsduckReference.sections(lines);
        for (int i = 0; i < reference.size(); i++) {
            TsduckReference.assertMatches(reference.get(i), analyzer.cues().get(i));
        }
    }

    private static List<String> replaceFirst(List<String> lines, String original, String replacement) {
        List<String> out = new ArrayList<>();
        boolean done = false;
        for (String line : lines) {
            if (!done && line.contains(original)) {
                out.addAll(List.of(line.replace(original, replacement).split("\n")));
                done = true;
            } else {
                out.add(line);
            }
        }
        if (!done) {
            throw new IllegalArgumentException("reference has no line with: " + original);
        }
        return out;
    }
}
