package org.medialive.distributor.thumbnail;

import java.util.Arrays;

/**
 * The elementary stream bytes of the access unit being received, scanned as they arrive for
 * NAL start codes up to its first slice: that slice says whether the unit is a keyframe, and
 * the parameter sets before it are remembered for keyframes that come without them. The
 * buffer is reused; it grows only while a keyframe needs room, up to {@link #LIMIT}.
 */
final class AccessUnitBuffer {

    /** Larger than any keyframe of a 4K broadcast; a bigger unit is corrupt or not video. */
    static final int LIMIT = 8 << 20;

    enum Verdict { UNDECIDED, KEYFRAME, NOT_KEYFRAME }

    private byte[] bytes = new byte[64 << 10];
    private int length;
    private int scannedTo;
    private int parameterSets;
    private int firstPicture = -1;
    private Verdict verdict = Verdict.UNDECIDED;
    private byte[] lastParameterSets;
    private VideoCodec codec = VideoCodec.H264;

    void start(VideoCodec codec) {
        if (this.codec != codec) {
            lastParameterSets = null;
        }
        this.codec = codec;
        length = 0;
        scannedTo = 0;
        parameterSets = 0;
        firstPicture = -1;
        verdict = Verdict.UNDECIDED;
    }

    /** Adds bytes unless the unit is known not to be a keyframe; @return false when the unit is too large to keep. */
    boolean append(byte[] source, int from, int count) {
        if (verdict == Verdict.NOT_KEYFRAME) {
            return true;
        }
        if (length + count > bytes.length) {
            if (length + count > LIMIT) {
                return false;
            }
            bytes = Arrays.copyOf(bytes, Math.min(LIMIT, Math.max(bytes.length * 2, length + count)));
        }
        System.arraycopy(source, from, bytes, length, count);
        length += count;
        if (verdict == Verdict.UNDECIDED) {
            scan();
        }
        return true;
    }

    Verdict verdict() {
        return verdict;
    }

    /** The finished keyframe with its parameter sets (the last ones seen, when it carries none); null if not decodable. */
    byte[] keyframe() {
        if (verdict != Verdict.KEYFRAME) {
            return null;
        }
        if (parameterSets == codec.allParameterSets()) {
            lastParameterSets = Arrays.copyOf(bytes, firstPicture);
            return Arrays.copyOf(bytes, length);
        }
        if (lastParameterSets == null) {
            return null; // a decoder could not start from it
        }
        byte[] whole = Arrays.copyOf(lastParameterSets, lastParameterSets.length + length);
        System.arraycopy(bytes, 0, whole, lastParameterSets.length, length);
        return whole;
    }

    /** Finds 00 00 01 start codes in the bytes not yet scanned, stopping at the first slice. */
    private void scan() {
        int end = length - 3;
        int at = scannedTo;
        while (at < end) {
            if ((bytes[at + 2] & 0xFF) > 1) {
                at += 3; // fast skip: no start code can end at at+2
            } else if (bytes[at] == 0 && bytes[at + 1] == 0 && bytes[at + 2] == 1) {
                int type = codec.nalType(bytes[at + 3]);
                if (codec.isPicture(type)) {
                    firstPicture = at > 0 && bytes[at - 1] == 0 ? at - 1 : at;
                    verdict = codec.isKeyframe(type) ? Verdict.KEYFRAME : Verdict.NOT_KEYFRAME;
                    if (verdict == Verdict.NOT_KEYFRAME) {
                        length = 0;
                    }
                    return;
                }
                parameterSets |= codec.parameterSetBit(type);
                at += 3;
            } else {
                at++;
            }
        }
        scannedTo = Math.max(scannedTo, at);
    }
}
