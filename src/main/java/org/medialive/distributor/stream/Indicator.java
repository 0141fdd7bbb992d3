package org.medialive.distributor.stream;

/**
 * The ETSI TR 101 290 (V1.4.1) priority 1 and 2 indicators this server measures, with the
 * clause that defines each. PCR accuracy (2.4) is left out: it needs arrival times far more
 * precise than a server reading datagrams in batches has.
 */
public enum Indicator {
    TS_SYNC_LOSS(1, "1.1"),
    SYNC_BYTE_ERROR(1, "1.2"),
    PAT_ERROR(1, "1.3.a"),
    CONTINUITY_COUNT_ERROR(1, "1.4"),
    PMT_ERROR(1, "1.5.a"),
    PID_ERROR(1, "1.6"),
    TRANSPORT_ERROR(2, "2.1"),
    CRC_ERROR(2, "2.2"),
    PCR_REPETITION_ERROR(2, "2.3.a"),
    PCR_DISCONTINUITY_INDICATOR_ERROR(2, "2.3.b"),
    PTS_ERROR(2, "2.5");

    private final int priority;
    private final String clause;

    Indicator(int priority, String clause) {
        this.priority = priority;
        this.clause = clause;
    }

    public int priority() {
        return priority;
    }

    /** The clause of TR 101 290 §5.2 that defines it. */
    public String clause() {
        return clause;
    }

    /** The name used in the API and as the Prometheus {@code indicator} tag, e.g. {@code pat_error}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
