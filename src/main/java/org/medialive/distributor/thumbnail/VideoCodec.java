package org.medialive.distributor.thumbnail;

/**
 * The video codecs whose keyframes can be pictured, with what their NAL unit headers mean
 * (H.264: ITU-T H.264 table 7-1; HEVC: ITU-T H.265 table 7-1).
 */
enum VideoCodec {
    H264(0x1B, "h264"),
    HEVC(0x24, "hevc");

    private final int streamType;
    private final String ffmpegFormat;

    VideoCodec(int streamType, String ffmpegFormat) {
        this.streamType = streamType;
        this.ffmpegFormat = ffmpegFormat;
    }

    /** The codec of a PMT stream_type, or null when it is not one we can picture. */
    static VideoCodec ofStreamType(int streamType) {
        for (VideoCodec codec : values()) {
            if (codec.streamType == streamType) {
                return codec;
            }
        }
        return null;
    }

    /** FFmpeg's name for the raw (Annex B) elementary stream format. */
    String ffmpegFormat() {
        return ffmpegFormat;
    }

    /** nal_unit_type from the first byte of the NAL unit header. */
    int nalType(byte header) {
        return this == H264 ? header & 0x1F : (header >> 1) & 0x3F;
    }

    /** A slice: the first one of an access unit says whether it is a keyframe. */
    boolean isPicture(int nalType) {
        return this == H264 ? nalType >= 1 && nalType <= 5 : nalType <= 31;
    }

    /** IDR (H.264) or IRAP (HEVC: BLA, IDR, CRA): decodable without any earlier picture. */
    boolean isKeyframe(int nalType) {
        return this == H264 ? nalType == 5 : nalType >= 16 && nalType <= 23;
    }

    /** SPS or PPS (HEVC also VPS), without which no slice decodes. */
    int parameterSetBit(int nalType) {
        if (this == H264) {
            return nalType == 7 ? 1 : nalType == 8 ? 2 : 0;
        }
        return nalType == 32 ? 4 : nalType == 33 ? 1 : nalType == 34 ? 2 : 0;
    }

    /** The parameter-set bits of a complete set. */
    int allParameterSets() {
        return this == H264 ? 3 : 7;
    }
}
