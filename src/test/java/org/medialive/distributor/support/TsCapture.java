package org.medialive.distributor.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what a receiver captured against what was sent, independently of the server's
 * own analysis code: where in the sent stream the capture starts, whether it is one
 * contiguous byte-identical run, continuity-counter errors, and the SCTE-35 sections in it.
 */
public final class TsCapture {

    private static final int TS = 188;
    private static final int PROBE = 64 * 1024;

    private TsCapture() {
    }

    /**
     * The packet-aligned offset in {@code sent} at which {@code received} is found whole,
     * or an AssertionError saying where it first differs.
     */
    public static int contiguousRunOffset(byte[] sent, byte[] received) {
        if (received.length < TS || received.length % TS != 0) {
            throw new AssertionError("capture is " + received.length + " bytes: not whole TS packets");
        }
        int probe = Math.min(PROBE, received.length);
        byte[] head = Arrays.copyOf(received, probe);
        for (int offset = 0; offset + probe <= sent.length; offset += TS) {
            if (Arrays.equals(sent, offset, offset + probe, head, 0, probe)) {
                if (offset + received.length > sent.length) {
                    throw new AssertionError("capture runs past the end of the sent stream");
                }
                int mismatch = Arrays.mismatch(sent, offset, offset + received.length, received, 0, received.length);
                if (mismatch >= 0) {
                    throw new AssertionError("capture starts at sent offset " + offset + " but differs at capture byte "
                            + mismatch + " (packet " + mismatch / TS + " of " + received.length / TS + ")");
                }
                return offset;
            }
        }
        throw new AssertionError("the first " + probe + " bytes of the capture are nowhere in the sent stream");
    }

    /** Continuity-counter errors over all PIDs but the null PID; a PID's first packet sets its baseline. */
    public static int ccErrors(byte[] ts) {
        Map<Integer, Integer> last = new HashMap<>();
        int errors = 0;
        for (int i = 0; i + TS <= ts.length; i += TS) {
            int pid = ((ts[i + 1] & 0x1F) << 8) | (ts[i + 2] & 0xFF);
            int afc = (ts[i + 3] >> 4) & 0x3;
            int cc = ts[i + 3] & 0x0F;
            boolean discontinuity = (afc & 0x2) != 0 && (ts[i + 4] & 0xFF) > 0 && (ts[i + 5] & 0x80) != 0;
            if (pid == 0x1FFF || (afc & 0x1) == 0) {
                continue;
            }
            Integer previous = last.put(pid, cc);
            if (previous != null && !discontinuity && cc != ((previous + 1) & 0xF) && cc != previous) {
                errors++;
            }
        }
        return errors;
    }

    /** The complete sections carried on {@code pid}, for SCTE-35 (each fits one packet in our streams). */
    public static List<byte[]> sections(byte[] ts, int pid) {
        List<byte[]> sections = new ArrayList<>();
        for (int i = 0; i + TS <= ts.length; i += TS) {
            int packetPid = ((ts[i + 1] & 0x1F) << 8) | (ts[i + 2] & 0xFF);
            boolean start = (ts[i + 1] & 0x40) != 0;
            if (packetPid != pid || !start) {
                continue;
            }
            int afc = (ts[i + 3] >> 4) & 0x3;
            int payload = i + 4 + ((afc & 0x2) != 0 ? 1 + (ts[i + 4] & 0xFF) : 0);
            int section = payload + 1 + (ts[payload] & 0xFF);
            int length = 3 + (((ts[section + 1] & 0x0F) << 8) | (ts[section + 2] & 0xFF));
            if (section + length <= i + TS) {
                sections.add(Arrays.copyOfRange(ts, section, section + length));
            }
        }
        return sections;
    }
}
