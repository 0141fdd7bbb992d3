package org.medialive.distributor.channel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits what an output received from a channel that switched inputs into runs, each a
 * contiguous byte-exact run of one sender's stream starting at one of its datagrams; an
 * AssertionError says where the capture is in neither stream.
 */
public final class SwitchedCapture {

    public static final int TS = 188;
    public static final int DATAGRAM = 7 * TS;

    /** One run: {@code length} bytes of sender {@code source}'s stream from {@code offset}. */
    public record Run(int source, int offset, int length) {
        public int end() {
            return offset + length;
        }
    }

    private final List<byte[]> streams;
    private final List<Map<ByteBuffer, List<Integer>>> datagramIndex = new ArrayList<>();

    /** @param streams what each sender sent, 7 TS packets to a datagram from the first byte */
    public SwitchedCapture(byte[]... streams) {
        this.streams = List.of(streams);
        for (byte[] stream : streams) {
            Map<ByteBuffer, List<Integer>> index = new HashMap<>();
            for (int at = 0; at + TS <= stream.length; at += DATAGRAM) {
                index.computeIfAbsent(ByteBuffer.wrap(stream, at, TS).slice(), k -> new ArrayList<>()).add(at);
            }
            datagramIndex.add(index);
        }
    }

    /**
     * The runs of {@code received}, in order. Each run after the first starts at a datagram of its
     * stream; the first may start anywhere (the output may have joined mid-stream).
     */
    public List<Run> runs(byte[] received) {
        byte[] whole = Arrays.copyOf(received, received.length - received.length % TS);
        List<Run> runs = new ArrayList<>();
        int at = 0;
        while (at < whole.length) {
            Run best = null;
            for (int source = 0; source < streams.size(); source++) {
                for (int offset : candidates(source, whole, at, runs.isEmpty())) {
                    byte[] stream = streams.get(source);
                    int length = Math.min(whole.length - at, stream.length - offset);
                    int mismatch = Arrays.mismatch(stream, offset, offset + length, whole, at, at + length);
                    int matched = mismatch < 0 ? length : mismatch - mismatch % TS;
                    if (at + matched < whole.length) {
                        // a switch falls between datagrams: packets that happen to be alike on both
                        // streams (null packets) past the last whole datagram belong to the next run
                        matched = (offset + matched) / DATAGRAM * DATAGRAM - offset;
                    }
                    if (matched > 0 && (best == null || matched > best.length())) {
                        best = new Run(source, offset, matched);
                    }
                }
            }
            if (best == null) {
                throw new AssertionError("received bytes from " + at + " (TS packet " + at / TS + " of " + whole.length / TS
                        + ") start no datagram of any sender" + (runs.isEmpty() ? "" : "; runs so far: " + runs));
            }
            runs.add(best);
            at += best.length();
        }
        return runs;
    }

    private List<Integer> candidates(int source, byte[] whole, int at, boolean first) {
        if (!first) {
            return datagramIndex.get(source).getOrDefault(ByteBuffer.wrap(whole, at, TS).slice(), List.of());
        }
        List<Integer> all = new ArrayList<>();
        byte[] stream = streams.get(source);
        for (int offset = 0; offset + TS <= stream.length; offset += TS) {
            if (Arrays.equals(stream, offset, offset + TS, whole, at, at + TS)) {
                all.add(offset);
            }
        }
        return all;
    }
}
