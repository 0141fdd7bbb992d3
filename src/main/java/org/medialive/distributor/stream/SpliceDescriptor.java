package org.medialive.distributor.stream;

import java.util.List;

/** A splice_descriptor() from the descriptor loop of a splice_info_section (SCTE 35 §10). */
public sealed interface SpliceDescriptor {

    int tag();

    /** avail_descriptor (0x00). */
    record Avail(String identifier, long providerAvailId) implements SpliceDescriptor {
        @Override
        public int tag() {
            return 0x00;
        }
    }

    /** DTMF_descriptor (0x01). @param preroll tenths of a second */
    record Dtmf(String identifier, int preroll, String chars) implements SpliceDescriptor {
        @Override
        public int tag() {
            return 0x01;
        }
    }

    /**
     * segmentation_descriptor (0x02). Fields that the flags leave out are null: everything but
     * the event id and cancel flag when {@code cancel} is set; the delivery restrictions when
     * {@code deliveryNotRestricted}; {@code duration} without segmentation_duration_flag;
     * sub-segment fields for types that do not carry them.
     *
     * @param duration 90 kHz ticks
     * @param upidHex  segmentation_upid() bytes as lowercase hex
     */
    record Segmentation(String identifier, long eventId, boolean cancel, Boolean programSegmentation,
                        Long duration, Boolean deliveryNotRestricted, Boolean webDeliveryAllowed,
                        Boolean noRegionalBlackout, Boolean archiveAllowed, Integer deviceRestrictions,
                        List<ComponentOffset> components, Integer upidType, Integer upidLength, String upidHex,
                        Integer typeId, Integer segmentNum, Integer segmentsExpected,
                        Integer subSegmentNum, Integer subSegmentsExpected) implements SpliceDescriptor {
        @Override
        public int tag() {
            return 0x02;
        }
    }

    /** @param ptsOffset 33-bit 90 kHz offset from the splice time */
    record ComponentOffset(int tag, long ptsOffset) {
    }

    /** A descriptor kept as bytes: time_descriptor, audio_descriptor, or a tag SCTE 35 does not define. */
    record Other(int tag, String dataHex) implements SpliceDescriptor {
    }
}
