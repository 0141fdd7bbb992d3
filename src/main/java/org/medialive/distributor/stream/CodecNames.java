package org.medialive.distributor.stream;

/**
 * Names the codec of an elementary stream for people. stream_type alone is ambiguous for 0x06
 * (PES private data): DVB and registration descriptors say what it really carries.
 */
final class CodecNames {

    static final int PRIVATE_PES = 0x06;

    private CodecNames() {
    }

    /**
     * @param registration format_identifier of a registration descriptor, or null
     * @param dvbTag       the first codec-identifying DVB descriptor tag in ES_info, or -1
     */
    static String name(int streamType, String registration, int dvbTag) {
        return switch (streamType) {
            case 0x01 -> "MPEG-1 video";
            case 0x02 -> "MPEG-2 video";
            case 0x03, 0x04 -> "MPEG audio";
            case 0x05 -> "private sections";
            case PRIVATE_PES -> privateData(registration, dvbTag);
            case 0x0F -> "AAC";
            case 0x11 -> "AAC-LATM";
            case 0x15 -> "ID3 metadata";
            case 0x1B -> "H.264";
            case 0x24 -> "HEVC";
            case 0x81 -> "AC-3";
            case 0x87 -> "E-AC-3";
            case ElementaryStream.STREAM_TYPE_SCTE35 -> "SCTE-35";
            default -> String.format("unknown (0x%02X)", streamType);
        };
    }

    /** Whether a DVB descriptor tag identifies what a stream_type 0x06 stream carries. */
    static boolean identifiesPrivateData(int tag) {
        return tag == 0x46 || tag == 0x56 || tag == 0x59 || tag == 0x6A || tag == 0x7A || tag == 0x7B || tag == 0x7C;
    }

    private static String privateData(String registration, int dvbTag) {
        switch (dvbTag) {
            case 0x6A: return "AC-3";
            case 0x7A: return "E-AC-3";
            case 0x7B: return "DTS";
            case 0x7C: return "AAC";
            case 0x56: return "teletext";
            case 0x46: return "VBI teletext";
            case 0x59: return "DVB subtitles";
            default: break;
        }
        if (registration == null) {
            return "private data";
        }
        return switch (registration) {
            case "Opus" -> "Opus";
            case "AC-3" -> "AC-3";
            case "EAC3" -> "E-AC-3";
            case "KLVA" -> "KLV metadata";
            case "ID3 " -> "ID3 metadata";
            case "BSSD" -> "SMPTE 302M audio";
            default -> "private data (" + registration + ")";
        };
    }
}
