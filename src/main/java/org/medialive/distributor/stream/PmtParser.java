package org.medialive.distributor.stream;

import java.util.ArrayList;
import java.util.List;

/** Reads a TS_program_map_section (ISO 13818-1 §2.4.4.9) whose CRC has already been checked. */
final class PmtParser {

    static final int TABLE_ID = 0x02;
    private static final int REGISTRATION = 0x05;
    private static final int ISO_639_LANGUAGE = 0x0A;
    private static final int TELETEXT = 0x56;
    private static final int SUBTITLING = 0x59;

    private PmtParser() {
    }

    static Program parse(int pmtPid, byte[] section, int length) throws MalformedSectionException {
        SectionReader r = new SectionReader(section, 0, length - 4);
        if (r.u8() != TABLE_ID) {
            throw new MalformedSectionException("not a PMT");
        }
        r.skipBits(16); // section_syntax_indicator, '0', reserved, section_length
        int number = r.u16();
        r.skipBits(24); // version, current_next, section_number, last_section_number
        r.skipBits(3);
        int pcrPid = (int) r.bits(13);
        r.skipBits(4);
        int programInfoLength = (int) r.bits(12);
        int limit = r.narrow(programInfoLength);
        List<String> registrations = new ArrayList<>();
        while (r.remaining() > 0) {
            int tag = r.u8();
            int descriptorLength = r.u8();
            int end = r.position() + descriptorLength;
            if (tag == REGISTRATION && descriptorLength >= 4) {
                registrations.add(r.ascii(4));
            }
            r.seek(end);
        }
        r.restoreLimit(limit);
        List<ElementaryStream> streams = new ArrayList<>();
        while (r.remaining() > 0) {
            streams.add(stream(r));
        }
        return new Program(number, pmtPid, pcrPid, List.copyOf(registrations), List.copyOf(streams));
    }

    private static ElementaryStream stream(SectionReader r) throws MalformedSectionException {
        int streamType = r.u8();
        r.skipBits(3);
        int pid = (int) r.bits(13);
        r.skipBits(4);
        int infoLength = (int) r.bits(12);
        int limit = r.narrow(infoLength);
        String registration = null;
        String language = null;
        String fallbackLanguage = null;
        int dvbTag = -1;
        while (r.remaining() > 0) {
            int tag = r.u8();
            int descriptorLength = r.u8();
            int end = r.position() + descriptorLength;
            if (tag == REGISTRATION && descriptorLength >= 4 && registration == null) {
                registration = r.ascii(4);
            } else if (tag == ISO_639_LANGUAGE && descriptorLength >= 3 && language == null) {
                language = r.ascii(3);
            } else if ((tag == TELETEXT || tag == SUBTITLING) && descriptorLength >= 3 && fallbackLanguage == null) {
                fallbackLanguage = r.ascii(3);
            }
            if (dvbTag < 0 && CodecNames.identifiesPrivateData(tag)) {
                dvbTag = tag;
            }
            r.seek(end);
        }
        r.restoreLimit(limit);
        String codec = CodecNames.name(streamType, registration, dvbTag);
        return new ElementaryStream(pid, streamType, codec, language != null ? language : fallbackLanguage, registration);
    }
}
