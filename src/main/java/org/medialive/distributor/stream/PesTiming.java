package org.medialive.distributor.stream;

/**
 * What the PES headers of one audio or video PID say: whether PES packets (frames) arrive, when
 * the last PTS came (TR 101 290 2.5), and for video the frame rate from the decode timestamps.
 * Reads a few header bytes of packets that start a PES; nothing else. Guarded by the analyzer's lock.
 */
final class PesTiming {

    private static final long WRAP = 1L << 33;
    private static final long SECOND = 90_000;

    final boolean video;
    long pes;
    long lastPesMillis;
    long lastPtsMillis;
    /** Frames per second over the last whole second of decode time; 0 until measured. */
    double frameRate;
    private long windowStart = -1;
    private int framesInWindow;

    PesTiming(boolean video, long nowMillis) {
        this.video = video;
        this.lastPtsMillis = nowMillis; // a stream just announced gets a full interval
    }

    /** A packet with payload_unit_start_indicator set on this PID. */
    void onUnitStart(byte[] b, int at, long nowMillis) {
        int p = TsPacket.payloadOffset(b, at);
        if (p < 0 || p + 9 > at + TsPacket.SIZE || b[p] != 0 || b[p + 1] != 0 || b[p + 2] != 1) {
            return;
        }
        pes++;
        lastPesMillis = nowMillis;
        int flags = (b[p + 7] >> 6) & 0x03;
        if ((flags & 0x02) == 0 || p + 14 > at + TsPacket.SIZE) {
            return; // no PTS
        }
        lastPtsMillis = nowMillis;
        if (video) {
            boolean dts = flags == 0x03 && p + 19 <= at + TsPacket.SIZE;
            countFrame(timestamp(b, dts ? p + 14 : p + 9));
        }
    }

    /** Decode order is time order when a DTS is present (B-frames reorder the PTS). */
    private void countFrame(long time) {
        if (windowStart < 0) {
            windowStart = time;
            framesInWindow = 0;
            return;
        }
        framesInWindow++;
        long span = Math.floorMod(time - windowStart, WRAP);
        if (span > 10 * SECOND) { // a jump in the timestamps: start over
            windowStart = time;
            framesInWindow = 0;
        } else if (span >= SECOND) {
            frameRate = Math.round(framesInWindow * SECOND * 100.0 / span) / 100.0;
            windowStart = time;
            framesInWindow = 0;
        }
    }

    private static long timestamp(byte[] b, int at) {
        return ((b[at] & 0x0EL) << 29) | ((b[at + 1] & 0xFFL) << 22) | ((b[at + 2] & 0xFEL) << 14)
                | ((b[at + 3] & 0xFFL) << 7) | ((b[at + 4] & 0xFEL) >>> 1);
    }

    static boolean isVideo(String codec) {
        return codec.endsWith("video") || codec.equals("H.264") || codec.equals("HEVC");
    }

    static boolean isAudio(String codec) {
        return codec.contains("audio") || switch (codec) {
            case "AAC", "AAC-LATM", "AC-3", "E-AC-3", "DTS", "Opus" -> true;
            default -> false;
        };
    }
}
