package org.medialive.distributor.stream;

/**
 * The descriptor_length a decoded splice descriptor must have come from, recomputed from the
 * syntax of SCTE 35 §10: matching TSDuck's length proves every optional field was read or skipped right.
 */
final class DescriptorSizes {

    private DescriptorSizes() {
    }

    static int of(SpliceDescriptor d) {
        if (d instanceof SpliceDescriptor.Avail) {
            return 4 + 4;
        }
        if (d instanceof SpliceDescriptor.Dtmf dtmf) {
            return 4 + 1 + 1 + dtmf.chars().length();
        }
        if (d instanceof SpliceDescriptor.Segmentation s) {
            int size = 4 + 4 + 1;
            if (s.cancel()) {
                return size;
            }
            size += 1;
            if (!s.programSegmentation()) {
                size += 1 + 6 * s.components().size();
            }
            size += s.duration() != null ? 5 : 0;
            size += 2 + s.upidLength() + 3;
            return size + (s.subSegmentNum() != null ? 2 : 0);
        }
        return ((SpliceDescriptor.Other) d).dataHex().length() / 2;
    }
}
