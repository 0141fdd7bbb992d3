package org.medialive.distributor.stream;

/**
 * TS sync loss (1.1) and sync byte errors (1.2) with the hysteresis of TR 101 290 §5.2.1 and
 * ISO 13818-1 annex G: sync is acquired after 5 consecutive sync bytes and lost after 2
 * consecutive corrupted ones. A datagram whose packets lack sync bytes never reaches the
 * stream (the receiver drops it); its packet slots are told here, so its damage is counted.
 */
final class SyncCheck {

    static final int ACQUIRE = 5;
    static final int LOSE = 2;

    private final IndicatorCounts indicators;
    private boolean inSync;
    private int goodRun;
    private int badRun;

    SyncCheck(IndicatorCounts indicators) {
        this.indicators = indicators;
    }

    /** Packets that all start with 0x47. */
    void synced(int packets) {
        badRun = 0;
        goodRun += packets;
        if (!inSync && goodRun >= ACQUIRE) {
            inSync = true;
        }
    }

    /** A run of 188-byte slots some of which lack the sync byte. */
    void slots(byte[] b, int offset, int length, long nowMillis) {
        for (int at = offset; at + TsPacket.SIZE <= offset + length; at += TsPacket.SIZE) {
            if (b[at] == TsPacket.SYNC) {
                synced(1);
                continue;
            }
            goodRun = 0;
            badRun++;
            if (inSync) {
                indicators.raise(Indicator.SYNC_BYTE_ERROR, nowMillis);
                if (badRun >= LOSE) {
                    inSync = false;
                    indicators.raise(Indicator.TS_SYNC_LOSS, nowMillis);
                }
            }
        }
    }
}
