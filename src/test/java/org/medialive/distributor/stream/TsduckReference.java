package org.medialive.distributor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TSDuck's text decode of splice_info_sections ({@code tstables}-style output), compared line by
 * line with decoded cues. Every line must be understood and must match: a line this class does
 * not know fails the comparison, so no field TSDuck prints goes unchecked.
 */
final class TsduckReference {

    private static final String HEADER = "* SCTE 35 Splice Information";
    private static final Pattern DUMP = Pattern.compile("^[0-9A-F]{4}:  (.*)$");
    private static final Map<String, Class<?>> COMMANDS = Map.of(
            "SpliceNull", SpliceCommand.SpliceNull.class,
            "SpliceInsert", SpliceCommand.SpliceInsert.class,
            "TimeSignal", SpliceCommand.TimeSignal.class,
            "BandwidthReservation", SpliceCommand.BandwidthReservation.class,
            "PrivateCommand", SpliceCommand.PrivateCommand.class);

    private TsduckReference() {
    }

    /** Splits a TSDuck decode into one block of trimmed, non-empty lines per section. */
    static List<List<String>> sections(List<String> lines) {
        List<List<String>> blocks = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.trim();
            if (line.startsWith(HEADER)) {
                blocks.add(new ArrayList<>());
            }
            if (!line.isEmpty()) {
                if (blocks.isEmpty()) {
                    fail("TSDuck text does not start with a section header: " + line);
                }
                blocks.get(blocks.size() - 1).add(line);
            }
        }
        return blocks;
    }

    static void assertMatches(List<String> block, Cue cue) {
        new Comparison(cue).run(block);
    }

    private record Rule(Pattern pattern, Consumer<Matcher> check) {
    }

    /** The state of comparing one block: which descriptor and component the next lines describe. */
    private static final class Comparison {

        private final Cue cue;
        private final SpliceInfo info;
        private final List<Rule> rules = new ArrayList<>();
        private int descriptor = -1;
        private int component;
        private StringBuilder dump;
        private int dumpBytes;
        private Consumer<String> dumpCheck;
        private final List<Integer> subSegmentsChecked = new ArrayList<>();

        Comparison(Cue cue) {
            this.cue = cue;
            this.info = cue.splice();
            sectionRules();
            commandRules();
            descriptorRules();
        }

        void run(List<String> block) {
            for (String line : block) {
                Matcher dumpLine = DUMP.matcher(line);
                if (dump != null && dumpLine.matches()) {
                    String hexPart = dumpLine.group(1);
                    hexPart = hexPart.substring(0, Math.min(hexPart.length(), 48)).trim();
                    dump.append(hexPart.replace(" ", ""));
                    continue;
                }
                closeDump();
                boolean understood = false;
                for (Rule rule : rules) {
                    Matcher m = rule.pattern().matcher(line);
                    if (m.matches()) {
                        rule.check().accept(m);
                        understood = true;
                        break;
                    }
                }
                assertTrue(understood, "TSDuck line not understood, so not compared: " + line);
            }
            closeDump();
            eq(descriptor + 1, info.descriptors().size(), "number of descriptors");
            for (int i = 0; i < info.descriptors().size(); i++) {
                if (info.descriptors().get(i) instanceof SpliceDescriptor.Segmentation s && !subSegmentsChecked.contains(i)) {
                    assertNull(s.subSegmentNum(), "sub-segment fields TSDuck did not print");
                }
            }
        }

        private void sectionRules() {
            rule("\\* SCTE 35 Splice Information, TID 0x(\\p{XDigit}+) \\(\\d+\\), PID 0x(\\p{XDigit}+) \\(\\d+\\)", m -> {
                eq(hex(m.group(1)), info.tableId(), "table id");
                eq(hex(m.group(2)), cue.pid(), "PID");
            });
            rule("Short section, total size: (\\d+) bytes", m -> eq(dec(m.group(1)), info.sectionSize(), "size"));
            rule("- Section 0:", m -> { });
            rule("Protocol version: (\\d+)", m -> eq(dec(m.group(1)), info.protocolVersion()));
            rule("Encryption: none", m -> assertEquals(false, info.encrypted()));
            rule("PTS adjustment: 0x(\\p{XDigit}+)(?: \\([^)]*\\))?", m -> eq(hex(m.group(1)), info.ptsAdjustment()));
            rule("CW index: 0x(\\p{XDigit}+) \\(\\d+\\), tier: 0x(\\p{XDigit}+) \\(\\d+\\)", m -> {
                eq(hex(m.group(1)), info.cwIndex(), "cw_index");
                eq(hex(m.group(2)), info.tier(), "tier");
            });
            rule("Command type: 0x(\\p{XDigit}+) \\((\\w+)\\), size: (\\d+) bytes", m -> {
                eq(hex(m.group(1)), info.commandType(), "command type");
                eq(dec(m.group(3)), info.commandLength(), "command length");
                assertInstanceOf(COMMANDS.get(m.group(2)), info.command(), "command " + m.group(2));
            });
            rule("CRC32: 0x(\\p{XDigit}+) \\(OK\\)", m -> {
                eq(hex(m.group(1)), info.crc(), "CRC_32");
                assertTrue(info.crcValid(), "CRC valid");
            });
        }

        private void commandRules() {
            rule("Splice event id: 0x(\\p{XDigit}+) \\(\\d+\\), cancel: (\\d)", m -> {
                eq(hex(m.group(1)), insert().eventId(), "splice_event_id");
                assertEquals(m.group(2).equals("1"), insert().cancel(), "cancel");
            });
            rule("Out of network: (yes|no), program splice: (yes|no), duration set: (yes|no), immediate: (yes|no)", m -> {
                assertEquals(yes(m.group(1)), insert().outOfNetwork(), "out_of_network");
                assertEquals(yes(m.group(2)), insert().programSplice(), "program_splice");
                assertEquals(yes(m.group(3)), insert().breakDuration() != null, "duration_flag");
                assertEquals(yes(m.group(4)), insert().immediate(), "splice_immediate");
            });
            rule("Time PTS: 0x(\\p{XDigit}+)(?: \\([^)]*\\))?", m -> {
                assertNotNull(insert().spliceTime(), "splice_time");
                eq(hex(m.group(1)), insert().spliceTime().pts(), "splice_time PTS");
            });
            rule("Duration PTS: 0x(\\p{XDigit}+)(?: \\([^)]*\\))?, auto return: (yes|no)", m -> {
                eq(hex(m.group(1)), insert().breakDuration().duration(), "break duration");
                assertEquals(yes(m.group(2)), insert().breakDuration().autoReturn(), "auto_return");
            });
            rule("Number of components: (\\d+)", m -> eq(dec(m.group(1)), insert().components().size()));
            rule("Component tag: 0x(\\p{XDigit}+) \\(\\d+\\), time PTS: 0x(\\p{XDigit}+)(?: \\([^)]*\\))?", m -> {
                SpliceCommand.Component c = insert().components().get(component++);
                eq(hex(m.group(1)), c.tag(), "component tag");
                eq(hex(m.group(2)), c.spliceTime().pts(), "component PTS");
            });
            rule("Unique program id: 0x(\\p{XDigit}+) \\(\\d+\\), avail: 0x(\\p{XDigit}+) \\(\\d+\\), avails expected: (\\d+)", m -> {
                eq(hex(m.group(1)), insert().uniqueProgramId(), "unique_program_id");
                eq(hex(m.group(2)), insert().availNum(), "avail_num");
                eq(dec(m.group(3)), insert().availsExpected(), "avails_expected");
            });
            rule("Time: 0x(\\p{XDigit}+)(?: \\([^)]*\\))?", m -> {
                SpliceCommand.TimeSignal signal = assertInstanceOf(SpliceCommand.TimeSignal.class, info.command());
                eq(hex(m.group(1)), signal.time().pts(), "time_signal PTS");
            });
            rule("Command identifier: 0x(\\p{XDigit}+)(?: \\([^)]*\\))?", m -> eq(hex(m.group(1)),
                    assertInstanceOf(SpliceCommand.PrivateCommand.class, info.command()).identifier(), "identifier"));
            rule("Remaining command content \\((\\d+) bytes\\): ([\\p{XDigit} ]+)", m -> {
                String data = assertInstanceOf(SpliceCommand.PrivateCommand.class, info.command()).dataHex();
                eq(dec(m.group(1)), data.length() / 2, "private bytes");
                assertEquals(m.group(2).replace(" ", "").toLowerCase(), data, "private bytes");
            });
        }

        private void descriptorRules() {
            rule("- Descriptor (\\d+): .+ \\(0x(\\p{XDigit}+), \\d+\\), (\\d+) bytes", m -> {
                descriptor++;
                eq(dec(m.group(1)), descriptor, "descriptor order");
                eq(hex(m.group(2)), current().tag(), "descriptor tag");
                eq(dec(m.group(3)), DescriptorSizes.of(current()), "descriptor length");
            });
            rule("Identifier: 0x(\\p{XDigit}+) \\(\"(.*)\"\\)", m -> {
                assertEquals(m.group(2), identifier(current()), "identifier");
                eq(hex(m.group(1)), hex(HexFormat.of().formatHex(Sections.ascii(m.group(2)))));
            });
            rule("Provider id: 0x(\\p{XDigit}+)(?: \\(\"[^\"]*\"\\))?", m -> eq(hex(m.group(1)),
                    descriptor(SpliceDescriptor.Avail.class).providerAvailId(), "provider_avail_id"));
            rule("Pre-roll: (\\d+) x 1/10 second", m -> eq(dec(m.group(1)),
                    descriptor(SpliceDescriptor.Dtmf.class).preroll(), "preroll"));
            rule("DTMF: \"(.*)\"", m -> assertEquals(m.group(1), descriptor(SpliceDescriptor.Dtmf.class).chars()));
            segmentationRules();
            // TSDuck reads tag 0x2F as the MPEG auxiliary_video_stream descriptor: check its bytes where it saw them
            rule("Auxiliary video coded stream type: 0x(\\p{XDigit}+)", m -> eq(hex(m.group(1)), otherByte(0)));
            rule("SI Message, type: 0x(\\p{XDigit}+), size: (\\d+)", m -> {
                eq(hex(m.group(1)), otherByte(1));
                eq(dec(m.group(2)), otherByte(2));
            });
            rule("Reserved SI message \\((\\d+) bytes\\):", m -> startDump(dec(m.group(1)),
                    hex -> assertEquals(hex, descriptor(SpliceDescriptor.Other.class).dataHex().substring(6))));
        }

        private void segmentationRules() {
            rule("Segmentation event id: 0x(\\p{XDigit}+), cancel: (\\d)", m -> {
                eq(hex(m.group(1)), segmentation().eventId(), "segmentation_event_id");
                assertEquals(m.group(2).equals("1"), segmentation().cancel(), "cancel");
            });
            rule("Program segmentation: (\\d), has duration: (\\d), not restricted: (\\d)", m -> {
                assertEquals(m.group(1).equals("1"), segmentation().programSegmentation(), "program_segmentation");
                assertEquals(m.group(2).equals("1"), segmentation().duration() != null, "duration flag");
                assertEquals(m.group(3).equals("1"), segmentation().deliveryNotRestricted(), "not restricted");
                if (m.group(3).equals("1")) {
                    assertNull(segmentation().webDeliveryAllowed(), "restrictions absent when not restricted");
                }
            });
            rule("Web delivery allowed: (\\d), no regional blackout: (\\d)", m -> {
                assertEquals(m.group(1).equals("1"), segmentation().webDeliveryAllowed(), "web_delivery_allowed");
                assertEquals(m.group(2).equals("1"), segmentation().noRegionalBlackout(), "no_regional_blackout");
            });
            rule("Archive allowed: (\\d), device restrictions: (\\d)", m -> {
                assertEquals(m.group(1).equals("1"), segmentation().archiveAllowed(), "archive_allowed");
                eq(dec(m.group(2)), segmentation().deviceRestrictions(), "device_restrictions");
            });
            rule("Segment duration: (\\d+)", m -> eq(Long.parseLong(m.group(1)), segmentation().duration()));
            rule("Segmentation upid type: 0x(\\p{XDigit}+) \\(.*\\)", m -> eq(hex(m.group(1)), segmentation().upidType()));
            rule("Upid data \\((\\d+) bytes\\):(?: ([\\p{XDigit} ]+))?", m -> {
                eq(dec(m.group(1)), segmentation().upidLength(), "upid length");
                if (m.group(2) != null) {
                    assertEquals(m.group(2).replace(" ", "").toLowerCase(), segmentation().upidHex(), "upid");
                } else {
                    startDump(dec(m.group(1)), hex -> assertEquals(hex, segmentation().upidHex(), "upid"));
                }
            });
            rule("Segmentation type id: 0x(\\p{XDigit}+) \\(.*\\)", m -> eq(hex(m.group(1)), segmentation().typeId()));
            rule("Segment number: (\\d+), expected segments: (\\d+)", m -> {
                eq(dec(m.group(1)), segmentation().segmentNum(), "segment_num");
                eq(dec(m.group(2)), segmentation().segmentsExpected(), "segments_expected");
            });
            rule("Sub-segment num(?:ber)?: (\\d+), expected sub-segments: (\\d+)", m -> {
                eq(dec(m.group(1)), segmentation().subSegmentNum());
                eq(dec(m.group(2)), segmentation().subSegmentsExpected());
                subSegmentsChecked.add(descriptor);
            });
        }

        private void rule(String regex, Consumer<Matcher> check) {
            rules.add(new Rule(Pattern.compile(regex), check));
        }

        private void startDump(int bytes, Consumer<String> check) {
            dump = new StringBuilder();
            dumpBytes = bytes;
            dumpCheck = check;
        }

        private void closeDump() {
            if (dump != null) {
                String hex = dump.toString().toLowerCase();
                dump = null;
                eq(dumpBytes, hex.length() / 2, "hex dump length");
                dumpCheck.accept(hex);
            }
        }

        private SpliceCommand.SpliceInsert insert() {
            return assertInstanceOf(SpliceCommand.SpliceInsert.class, info.command());
        }

        private SpliceDescriptor current() {
            assertTrue(descriptor >= 0 && descriptor < info.descriptors().size(), "descriptor " + descriptor + " missing");
            return info.descriptors().get(descriptor);
        }

        private <T extends SpliceDescriptor> T descriptor(Class<T> type) {
            return assertInstanceOf(type, current());
        }

        private SpliceDescriptor.Segmentation segmentation() {
            return descriptor(SpliceDescriptor.Segmentation.class);
        }

        private long otherByte(int index) {
            return hex(descriptor(SpliceDescriptor.Other.class).dataHex().substring(2 * index, 2 * index + 2));
        }

        private static String identifier(SpliceDescriptor d) {
            if (d instanceof SpliceDescriptor.Avail a) {
                return a.identifier();
            }
            if (d instanceof SpliceDescriptor.Dtmf t) {
                return t.identifier();
            }
            if (d instanceof SpliceDescriptor.Segmentation s) {
                return s.identifier();
            }
            String hex = ((SpliceDescriptor.Other) d).dataHex();
            return new String(HexFormat.of().parseHex(hex.substring(0, 8)), StandardCharsets.ISO_8859_1);
        }

        private static void eq(long expected, Number actual, String what) {
            assertNotNull(actual, what);
            assertEquals(expected, actual.longValue(), what);
        }

        private static void eq(long expected, Number actual) {
            eq(expected, actual, "value");
        }

        private static long hex(String digits) {
            return Long.parseLong(digits, 16);
        }

        private static int dec(String digits) {
            return Integer.parseInt(digits);
        }

        private static boolean yes(String word) {
            return word.equals("yes");
        }
    }
}
