package org.medialive.distributor.channel;

/**
 * Whether one of a channel's inputs could carry the channel now: MPEG-TS arriving, a PAT and
 * its PMT within the last second, no TS sync loss within the last second. Fed on that input's
 * receive thread with each datagram's packets; read from the other input's thread, hence the
 * volatile fields (each written by one thread only).
 */
final class InputWatch {

    static final long TABLES_MILLIS = 1000;
    private static final int TS = 188;
    private static final int PAT_PID = 0;

    private volatile long openedMillis;
    private volatile long lastDataMillis;
    private volatile long lastPatMillis;
    private volatile long lastPmtMillis;
    private volatile long lastSyncLossMillis;
    /** The first datagram after the input opened or went quiet: its tables get a second to show up. */
    private volatile long streamStartMillis;
    /** Since when nothing above was wrong: the clock an automatic return to the primary waits on. */
    private volatile long healthySince;
    private int pmtPid = -1;

    /** The input (re)opened: nothing is known of its stream. */
    void reset(long nowMillis) {
        openedMillis = nowMillis;
        lastDataMillis = 0;
        lastPatMillis = 0;
        lastPmtMillis = 0;
        lastSyncLossMillis = 0;
        streamStartMillis = 0;
        healthySince = 0;
        pmtPid = -1;
    }

    /** One datagram's whole TS packets, on the input's receive thread. */
    void accept(byte[] buffer, int offset, int length, long nowMillis, long afterMillis) {
        boolean gap = lastDataMillis == 0 || nowMillis - lastDataMillis >= afterMillis;
        if (gap) {
            streamStartMillis = nowMillis;
        }
        lastDataMillis = nowMillis;
        for (int at = offset; at + TS <= offset + length; at += TS) {
            packet(buffer, at, nowMillis);
        }
        if (gap || healthySince == 0 || problem(nowMillis, afterMillis) != null) {
            healthySince = problem(nowMillis, afterMillis) == null ? nowMillis : 0;
        }
    }

    /** What makes this input unfit to carry the channel now, or null when it is fit. */
    String problem(long nowMillis, long afterMillis) {
        long last = lastDataMillis;
        if (last == 0) {
            return nowMillis - openedMillis >= afterMillis ? "no MPEG-TS received" : "just opened";
        }
        if (nowMillis - last >= afterMillis) {
            return "no MPEG-TS for " + (nowMillis - last) + " ms";
        }
        if (lastSyncLossMillis != 0 && nowMillis - lastSyncLossMillis < TABLES_MILLIS) {
            return "TS sync loss";
        }
        if (lastPatMillis == 0 || nowMillis - lastPatMillis > TABLES_MILLIS) {
            return "no PAT for " + TABLES_MILLIS + " ms";
        }
        if (lastPmtMillis == 0 || nowMillis - lastPmtMillis > TABLES_MILLIS) {
            return "no PMT for " + TABLES_MILLIS + " ms";
        }
        return null;
    }

    /**
     * Why the active input has failed, or null: as {@link #problem}, but a stream that (re)started
     * less than a second ago is not failed for want of a PAT or PMT yet.
     */
    String failure(long nowMillis, long afterMillis) {
        String problem = problem(nowMillis, afterMillis);
        if (problem != null && problem.startsWith("no P") && nowMillis - streamStartMillis <= TABLES_MILLIS) {
            return null;
        }
        return problem;
    }

    /** How long this input has been fit without a break; 0 when it is not fit. */
    long healthyMillis(long nowMillis, long afterMillis) {
        long since = healthySince;
        return since == 0 || problem(nowMillis, afterMillis) != null ? 0 : nowMillis - since;
    }

    long lastDataMillis() {
        return lastDataMillis;
    }

    private void packet(byte[] b, int at, long nowMillis) {
        if (b[at] != 0x47) {
            lastSyncLossMillis = nowMillis;
            return;
        }
        int pid = (b[at + 1] & 0x1F) << 8 | b[at + 2] & 0xFF;
        boolean unitStart = (b[at + 1] & 0x40) != 0;
        if (!unitStart || pid != PAT_PID && pid != pmtPid) {
            return;
        }
        int payload = at + 4;
        if ((b[at + 3] & 0x20) != 0) {
            payload += 1 + (b[at + 4] & 0xFF);
        }
        if ((b[at + 3] & 0x10) == 0 || payload >= at + TS) {
            return;
        }
        int section = payload + 1 + (b[payload] & 0xFF);
        if (pid == PAT_PID) {
            pat(b, section, at + TS, nowMillis);
        } else if (section < at + TS && (b[section] & 0xFF) == 0x02) {
            lastPmtMillis = nowMillis;
        }
    }

    /** Takes the first program's PMT PID from a PAT that starts and ends in this packet (MediaLive's do). */
    private void pat(byte[] b, int section, int end, long nowMillis) {
        if (section + 8 > end || b[section] != 0x00) {
            return;
        }
        int sectionEnd = section + 3 + ((b[section + 1] & 0x0F) << 8 | b[section + 2] & 0xFF) - 4;
        for (int at = section + 8; at + 4 <= Math.min(sectionEnd, end); at += 4) {
            int program = (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
            if (program != 0) {
                pmtPid = (b[at + 2] & 0x1F) << 8 | b[at + 3] & 0xFF;
                lastPatMillis = nowMillis;
                return;
            }
        }
    }
}
