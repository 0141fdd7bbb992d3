package org.medialive.distributor.monitoring;

/** Bits per second from a growing byte count sampled once a second: last second and last ten. */
public final class BitrateMeter {

    private final long[] perSecond = new long[10];
    private int next;
    private int filled;
    private long lastBytes = -1;

    public synchronized void sample(long totalBytes) {
        long delta = lastBytes < 0 ? 0 : Math.max(0, totalBytes - lastBytes);
        lastBytes = totalBytes;
        perSecond[next] = delta * 8;
        next = (next + 1) % perSecond.length;
        filled = Math.min(filled + 1, perSecond.length);
    }

    public synchronized void reset() {
        java.util.Arrays.fill(perSecond, 0);
        next = 0;
        filled = 0;
        lastBytes = -1;
    }

    public synchronized long lastSecond() {
        return filled == 0 ? 0 : perSecond[(next + perSecond.length - 1) % perSecond.length];
    }

    public synchronized long lastTenSeconds() {
        if (filled == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < filled; i++) {
            sum += perSecond[i];
        }
        return sum / filled;
    }
}
