package org.medialive.distributor.stream;

import java.util.ArrayList;
import java.util.List;
import org.medialive.distributor.stream.SpliceDescriptor.ComponentOffset;

/** Reads the splice_descriptor() loop of a splice_info_section (SCTE 35 §10). */
final class SpliceDescriptorDecoder {

    private static final String CUEI = "CUEI";

    private SpliceDescriptorDecoder() {
    }

    static List<SpliceDescriptor> readLoop(SectionReader r) throws MalformedSectionException {
        int loopLength = r.u16();
        int loopEnd = r.position() + loopLength;
        int outer = r.narrow(loopLength);
        List<SpliceDescriptor> found = new ArrayList<>();
        while (r.remaining() > 0) {
            int tag = r.u8();
            int length = r.u8();
            int end = r.position() + length;
            int limit = r.narrow(length);
            found.add(descriptor(r, tag, length));
            r.restoreLimit(limit);
            r.seek(end);
        }
        r.restoreLimit(outer);
        r.seek(loopEnd);
        return List.copyOf(found);
    }

    private static SpliceDescriptor descriptor(SectionReader r, int tag, int length) throws MalformedSectionException {
        int start = r.position();
        // tags 0x00-0x02 mean these descriptors only under SCTE's own identifier; others may reuse them
        if (tag > 0x02 || length < 4 || !CUEI.equals(r.ascii(4))) {
            r.seek(start);
            return new SpliceDescriptor.Other(tag, r.hex(length));
        }
        return switch (tag) {
            case 0x00 -> new SpliceDescriptor.Avail(CUEI, r.u32());
            case 0x01 -> dtmf(r);
            default -> segmentation(r);
        };
    }

    private static SpliceDescriptor.Dtmf dtmf(SectionReader r) throws MalformedSectionException {
        int preroll = r.u8();
        int count = (int) r.bits(3);
        r.skipBits(5);
        return new SpliceDescriptor.Dtmf(CUEI, preroll, r.ascii(count));
    }

    private static SpliceDescriptor.Segmentation segmentation(SectionReader r) throws MalformedSectionException {
        long eventId = r.u32();
        boolean cancel = r.flag();
        r.skipBits(7);
        if (cancel) {
            return new SpliceDescriptor.Segmentation(CUEI, eventId, true, null, null, null, null, null, null, null,
                    List.of(), null, null, null, null, null, null, null, null);
        }
        boolean programSegmentation = r.flag();
        boolean hasDuration = r.flag();
        boolean notRestricted = r.flag();
        Boolean web = null;
        Boolean noBlackout = null;
        Boolean archive = null;
        Integer devices = null;
        if (notRestricted) {
            r.skipBits(5);
        } else {
            web = r.flag();
            noBlackout = r.flag();
            archive = r.flag();
            devices = (int) r.bits(2);
        }
        List<ComponentOffset> components = new ArrayList<>();
        if (!programSegmentation) {
            for (int count = r.u8(), i = 0; i < count; i++) {
                int componentTag = r.u8();
                r.skipBits(7);
                components.add(new ComponentOffset(componentTag, r.bits(33)));
            }
        }
        Long duration = hasDuration ? r.bits(40) : null;
        int upidType = r.u8();
        int upidLength = r.u8();
        String upid = r.hex(upidLength);
        int typeId = r.u8();
        int segmentNum = r.u8();
        int segmentsExpected = r.u8();
        Integer subNum = null;
        Integer subExpected = null;
        // sub-segments came with SCTE 35 2016+: older senders end the descriptor here
        if (carriesSubSegments(typeId) && r.remaining() >= 2) {
            subNum = r.u8();
            subExpected = r.u8();
        }
        return new SpliceDescriptor.Segmentation(CUEI, eventId, false, programSegmentation, duration, notRestricted,
                web, noBlackout, archive, devices, List.copyOf(components), upidType, upidLength, upid,
                typeId, segmentNum, segmentsExpected, subNum, subExpected);
    }

    private static boolean carriesSubSegments(int typeId) {
        return typeId == 0x34 || typeId == 0x36 || typeId == 0x38 || typeId == 0x3A || typeId == 0x44 || typeId == 0x46;
    }
}
