package org.medialive.distributor.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.stream.SpliceCommand.SpliceInsert;
import org.medialive.distributor.stream.SpliceDescriptor.Segmentation;

/** Decoder cases the third-party streams do not cover; each section is built from SCTE 35's syntax tables. */
class Scte35DecoderTest {

    private static final long MAX_PTS = (1L << 33) - 1;

    @Test
    void decodesASpliceInsertAndAppliesThePtsAdjustmentModulo33Bits() throws Exception {
        byte[] section = Sections.spliceInsert(0xDEADBEEFL, MAX_PTS - 9, 2_700_000, true, 100);

        SpliceInfo info = Scte35Decoder.decode(section, 0, section.length);

        assertThat(info.crcValid()).isTrue();
        assertThat(info.ptsAdjustment()).isEqualTo(100);
        SpliceInsert insert = (SpliceInsert) info.command();
        assertThat(insert.eventId()).isEqualTo(0xDEADBEEFL);
        assertThat(insert.outOfNetwork()).isTrue();
        assertThat(insert.spliceTime()).isEqualTo(new SpliceTime(MAX_PTS - 9, 90));
        assertThat(insert.breakDuration()).isEqualTo(new SpliceCommand.BreakDuration(true, 2_700_000));
        assertThat(List.of(insert.uniqueProgramId(), insert.availNum(), insert.availsExpected())).containsExactly(7, 1, 2);
    }

    @Test
    void readsACancelledInsertAsItsEventIdOnly() throws Exception {
        byte[] section = Sections.withCrc(Sections.spliceHeader(0, 5, 0x05)
                .bits(42, 32).bits(1, 1).ones(7).bits(0, 16).toByteArray());

        SpliceInsert insert = (SpliceInsert) Scte35Decoder.decode(section, 0, section.length).command();

        assertThat(insert.cancel()).isTrue();
        assertThat(insert.eventId()).isEqualTo(42);
        assertThat(insert.spliceTime()).isNull();
    }

    @Test
    void readsComponentModeWithImmediateSplice() throws Exception {
        // program_splice 0, immediate 1: components carry only their tags
        byte[] section = Sections.withCrc(Sections.spliceHeader(0, 4 + 1 + 1 + 1 + 3 + 4, 0x05)
                .bits(7, 32).bits(0, 1).ones(7)
                .bits(1, 1).bits(0, 1).bits(0, 1).bits(1, 1).ones(4)
                .bits(3, 8).bits(0x11, 8).bits(0x12, 8).bits(0x13, 8)
                .bits(1, 16).bits(0, 8).bits(0, 8).bits(0, 16).toByteArray());

        SpliceInsert insert = (SpliceInsert) Scte35Decoder.decode(section, 0, section.length).command();

        assertThat(insert.immediate()).isTrue();
        assertThat(insert.components()).extracting(SpliceCommand.Component::tag).containsExactly(0x11, 0x12, 0x13);
        assertThat(insert.components()).allMatch(c -> c.spliceTime() == null);
        assertThat(insert.uniqueProgramId()).isEqualTo(1);
    }

    @Test
    void readsATimeSignalWithoutTimeAndABandwidthReservation() throws Exception {
        byte[] signal = Sections.withCrc(Sections.spliceHeader(0, 1, 0x06).bits(0, 1).ones(7).bits(0, 16).toByteArray());
        byte[] bandwidth = Sections.withCrc(Sections.spliceHeader(0, 0, 0x07).bits(0, 16).toByteArray());

        assertThat(Scte35Decoder.decode(signal, 0, signal.length).command()).isEqualTo(new SpliceCommand.TimeSignal(null));
        assertThat(Scte35Decoder.decode(bandwidth, 0, bandwidth.length).command())
                .isEqualTo(new SpliceCommand.BandwidthReservation());
    }

    @Test
    void keepsUnknownAndEncryptedCommandsAsBytes() throws Exception {
        byte[] schedule = Sections.withCrc(Sections.spliceHeader(0, 3, 0x04).bits(0xABCDEF, 24).bits(0, 16).toByteArray());
        byte[] encrypted = Sections.withCrc(new BitWriter().bits(0xFC, 8).bits(0, 4).bits(0, 12)
                .bits(0, 8).bits(1, 1).bits(1, 6).bits(0, 33).bits(0, 8).bits(0xFFF, 12).bits(4, 12).bits(0x05, 8)
                .bits(0x01020304L, 32).bits(0x05060708L, 32).toByteArray());

        assertThat(Scte35Decoder.decode(schedule, 0, schedule.length).command())
                .isEqualTo(new SpliceCommand.Undecoded(0x04, "abcdef"));
        SpliceInfo info = Scte35Decoder.decode(encrypted, 0, encrypted.length);
        assertThat(info.encrypted()).isTrue();
        assertThat(info.encryptionAlgorithm()).isEqualTo(1);
        assertThat(info.command()).isEqualTo(new SpliceCommand.Undecoded(0x05, "0102030405060708"));
        assertThat(info.descriptors()).isEmpty();
    }

    @Test
    void readsALegacyInsertWithUnknownCommandLength() throws Exception {
        byte[] modern = Sections.spliceInsert(5, 1000, 90_000, false, 0);
        byte[] legacy = modern.clone();
        legacy[11] |= 0x0F; // splice_command_length 0xFFF
        legacy[12] = (byte) 0xFF;
        legacy = Sections.withCrc(Arrays.copyOf(legacy, legacy.length - 4));

        SpliceInfo info = Scte35Decoder.decode(legacy, 0, legacy.length);
        assertThat(info.commandLength()).isEqualTo(0xFFF);
        assertThat(info.command()).isEqualTo(Scte35Decoder.decode(modern, 0, modern.length).command());
    }

    @Test
    void readsSegmentationInComponentModeWithSubSegmentsAndCancellation() throws Exception {
        byte[] components = Sections.descriptor(0x02, new BitWriter().bytes(Sections.ascii("CUEI"))
                .bits(0x1234, 32).bits(0, 1).ones(7)
                .bits(0, 1).bits(1, 1).bits(0, 1).bits(1, 1).bits(0, 1).bits(1, 1).bits(2, 2) // restricted
                .bits(2, 8).bits(0x21, 8).ones(7).bits(900, 33).bits(0x22, 8).ones(7).bits(MAX_PTS, 33)
                .bits(5_400_000, 40).bits(0x0C, 8).bits(2, 8).bits(0xBEEF, 16)
                .bits(0x34, 8).bits(1, 8).bits(4, 8).bits(2, 8).bits(3, 8).toByteArray());
        byte[] cancel = Sections.descriptor(0x02, new BitWriter().bytes(Sections.ascii("CUEI"))
                .bits(0x99, 32).bits(1, 1).ones(7).toByteArray());
        byte[] section = Sections.withCrc(Sections.concat(Sections.spliceHeader(0, 0, 0x00).toByteArray(),
                new BitWriter().bits(components.length + cancel.length, 16).toByteArray(), components, cancel));

        List<SpliceDescriptor> descriptors = Scte35Decoder.decode(section, 0, section.length).descriptors();

        Segmentation s = (Segmentation) descriptors.get(0);
        assertThat(s.programSegmentation()).isFalse();
        assertThat(s.components()).containsExactly(new SpliceDescriptor.ComponentOffset(0x21, 900),
                new SpliceDescriptor.ComponentOffset(0x22, MAX_PTS));
        assertThat(List.of(s.webDeliveryAllowed(), s.noRegionalBlackout(), s.archiveAllowed())).containsExactly(true, false, true);
        assertThat(s.deviceRestrictions()).isEqualTo(2);
        assertThat(s.duration()).isEqualTo(5_400_000L);
        assertThat(s.upidHex()).isEqualTo("beef");
        assertThat(List.of(s.typeId(), s.segmentNum(), s.segmentsExpected(), s.subSegmentNum(), s.subSegmentsExpected()))
                .containsExactly(0x34, 1, 4, 2, 3);
        Segmentation cancelled = (Segmentation) descriptors.get(1);
        assertThat(cancelled.cancel()).isTrue();
        assertThat(cancelled.eventId()).isEqualTo(0x99);
        assertThat(cancelled.typeId()).isNull();
    }

    @Test
    void keepsADescriptorUnderAnotherIdentifierAsBytes() throws Exception {
        byte[] foreign = Sections.descriptor(0x02, Sections.ascii("ABCDxyz"));
        byte[] section = Sections.withCrc(Sections.concat(Sections.spliceHeader(0, 0, 0x00).toByteArray(),
                new BitWriter().bits(foreign.length, 16).toByteArray(), foreign));

        assertThat(Scte35Decoder.decode(section, 0, section.length).descriptors())
                .containsExactly(new SpliceDescriptor.Other(0x02, "4142434478797a"));
    }

    @Test
    void reportsABadCrcWithoutFailing() throws Exception {
        byte[] section = Sections.spliceInsert(5, 1000, 90_000, false, 0);
        section[section.length - 1] ^= 1;

        assertThat(Scte35Decoder.decode(section, 0, section.length).crcValid()).isFalse();
    }

    @Test
    void refusesSectionsWhoseLengthsLie() {
        byte[] good = Sections.spliceInsert(5, 1000, 90_000, false, 0);
        assertThatThrownBy(() -> Scte35Decoder.decode(good, 0, good.length - 1))
                .isInstanceOf(MalformedSectionException.class);
        byte[] notSplice = good.clone();
        notSplice[0] = 0x02;
        assertThatThrownBy(() -> Scte35Decoder.decode(notSplice, 0, notSplice.length))
                .isInstanceOf(MalformedSectionException.class);
        byte[] longCommand = good.clone();
        longCommand[12] = 60; // splice_command_length beyond the section
        assertThatThrownBy(() -> Scte35Decoder.decode(Sections.withCrc(Arrays.copyOf(longCommand, longCommand.length - 4)), 0,
                longCommand.length)).isInstanceOf(MalformedSectionException.class);
    }

    @Test
    void neverFailsWithAnythingButMalformedSectionOnMutatedRealSections() throws Exception {
        List<byte[]> real = List.of(
                Sections.spliceInsert(5, 1000, 90_000, false, 0),
                HexFormat.of().parseHex("fc303400000000000000fff00506fe000493e0001e021c43554549000010027fff0000149970"
                        + "0808010203040506070810010162991691"));
        Random random = new Random(35);
        int decoded = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] body = real.get(round % real.size()).clone();
            body = Arrays.copyOf(body, body.length - 4);
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                body[3 + random.nextInt(body.length - 3)] = (byte) random.nextInt(256);
            }
            byte[] mutated = Sections.withCrc(body);
            try {
                Scte35Decoder.decode(mutated, 0, mutated.length);
                decoded++;
            } catch (MalformedSectionException expected) {
                // the point: this and nothing else
            }
        }
        assertThat(decoded).as("mutations that still decode").isBetween(1, 19_999);
    }
}
