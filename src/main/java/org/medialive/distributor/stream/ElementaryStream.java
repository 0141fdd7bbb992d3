package org.medialive.distributor.stream;

/**
 * One elementary stream as its PMT announces it.
 *
 * @param codec        a readable name derived from stream_type and descriptors, e.g. "H.264", "E-AC-3"
 * @param language     ISO 639 code from the language (or teletext/subtitling) descriptor, or null
 * @param registration format_identifier of a registration descriptor, e.g. "Opus", or null
 */
public record ElementaryStream(int pid, int streamType, String codec, String language, String registration) {

    public static final int STREAM_TYPE_SCTE35 = 0x86;

    public boolean isScte35() {
        return streamType == STREAM_TYPE_SCTE35;
    }
}
