package org.medialive.distributor.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Checks a received transport stream as it arrives, without keeping it: bytes, continuity-counter
 * errors (all PIDs but the null PID; a PID's first packet sets its baseline), and, when given the
 * sent stream, whether everything received is one contiguous byte-identical run of it. The run's
 * start is found from the first 64 KB received (long enough to be unique, null packets and all).
 * One thread at a time.
 */
final class StreamVerifier {

    private static final int TS = 188;
    private static final int HEAD = 64 * 1024;

    private final ByteBuffer sent;
    private final byte[] head = new byte[HEAD];
    private int headLength;
    private long sentOffset = -1;
    private long position;
    private long bytes;
    private Boolean exact;
    private String problem;
    private final byte[] carry = new byte[TS];
    private int carried;
    private final int[] lastCc = new int[8192];
    private long ccErrors;

    /** @param sent the stream that was sent, to check byte-exactness against; null to skip that check */
    StreamVerifier(ByteBuffer sent) {
        this.sent = sent == null ? null : sent.duplicate();
        Arrays.fill(lastCc, -1);
    }

    void accept(byte[] data, int offset, int length) {
        bytes += length;
        continuity(data, offset, length);
        if (sent == null || Boolean.FALSE.equals(exact)) {
            return;
        }
        if (sentOffset < 0) {
            int take = Math.min(length, HEAD - headLength);
            System.arraycopy(data, offset, head, headLength, take);
            headLength += take;
            if (headLength < HEAD) {
                return;
            }
            if (!align()) {
                return;
            }
            compare(data, offset + take, length - take);
        } else {
            compare(data, offset, length);
        }
    }

    /** Ends the check: a capture shorter than the probe is aligned on what there is. */
    void finish() {
        if (sent != null && sentOffset < 0 && exact == null) {
            if (headLength < TS) {
                exact = false;
                problem = "nothing received";
            } else {
                align();
            }
        }
    }

    long bytes() {
        return bytes;
    }

    long ccErrors() {
        return ccErrors;
    }

    /** True when every byte received is the sent stream's, in one run; null when not checked. */
    Boolean exact() {
        return sent == null ? null : Boolean.TRUE.equals(exact) || (exact == null && sentOffset >= 0);
    }

    String problem() {
        return problem;
    }

    long sentOffset() {
        return sentOffset;
    }

    private boolean align() {
        int probe = headLength - headLength % TS;
        int first = -1;
        for (int i = 0; i + TS <= probe; i += TS) {
            if (head[i] == 0x47 && pid(head, i) != 0x1FFF) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            exact = false;
            problem = "no packet but null packets in the first " + probe + " bytes";
            return false;
        }
        long limit = sent.capacity() - probe;
        for (long candidate = 0; candidate <= limit; candidate += TS) {
            if (sent.get((int) candidate + first + 3) != head[first + 3]
                    || sent.get((int) candidate + first + 1) != head[first + 1]
                    || sent.get((int) candidate + first + 2) != head[first + 2]) {
                continue;
            }
            if (sent.slice((int) candidate, probe).mismatch(ByteBuffer.wrap(head, 0, probe)) == -1) {
                sentOffset = candidate;
                position = candidate + probe;
                if (headLength > probe) {
                    compare(head, probe, headLength - probe);
                }
                return true;
            }
        }
        exact = false;
        problem = "the first " + probe + " bytes received are nowhere in the sent stream";
        return false;
    }

    private void compare(byte[] data, int offset, int length) {
        if (length == 0 || Boolean.FALSE.equals(exact)) {
            return;
        }
        if (position + length > sent.capacity()) {
            exact = false;
            problem = "received past the end of the sent stream";
            return;
        }
        int mismatch = sent.slice((int) position, length).mismatch(ByteBuffer.wrap(data, offset, length));
        if (mismatch >= 0) {
            exact = false;
            problem = "differs from the sent stream at received byte " + (position - sentOffset + mismatch)
                    + " (sent offset " + (position + mismatch) + ")";
            return;
        }
        position += length;
    }

    private void continuity(byte[] data, int offset, int length) {
        int at = offset;
        int end = offset + length;
        if (carried > 0) {
            int take = Math.min(TS - carried, length);
            System.arraycopy(data, at, carry, carried, take);
            carried += take;
            at += take;
            if (carried < TS) {
                return;
            }
            packet(carry, 0);
            carried = 0;
        }
        for (; at + TS <= end; at += TS) {
            packet(data, at);
        }
        if (at < end) {
            System.arraycopy(data, at, carry, 0, end - at);
            carried = end - at;
        }
    }

    private void packet(byte[] ts, int i) {
        int pid = pid(ts, i);
        int afc = (ts[i + 3] >> 4) & 0x3;
        int cc = ts[i + 3] & 0x0F;
        if (pid == 0x1FFF || (afc & 0x1) == 0) {
            return;
        }
        boolean discontinuity = (afc & 0x2) != 0 && (ts[i + 4] & 0xFF) > 0 && (ts[i + 5] & 0x80) != 0;
        int previous = lastCc[pid];
        lastCc[pid] = cc;
        if (previous >= 0 && !discontinuity && cc != ((previous + 1) & 0xF) && cc != previous) {
            ccErrors++;
        }
    }

    private static int pid(byte[] ts, int i) {
        return ((ts[i + 1] & 0x1F) << 8) | (ts[i + 2] & 0xFF);
    }
}
