package org.medialive.distributor.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Counts and last occurrence per TR 101 290 indicator; two array writes per raise, guarded by the analyzer's lock. */
final class IndicatorCounts {

    private static final Indicator[] ALL = Indicator.values();

    private final long[] counts = new long[ALL.length];
    private final long[] lastMillis = new long[ALL.length];

    void raise(Indicator indicator, long nowMillis) {
        raise(indicator, 1, nowMillis);
    }

    void raise(Indicator indicator, long times, long nowMillis) {
        counts[indicator.ordinal()] += times;
        lastMillis[indicator.ordinal()] = nowMillis;
    }

    long count(Indicator indicator) {
        return counts[indicator.ordinal()];
    }

    List<IndicatorCount> snapshot() {
        List<IndicatorCount> list = new ArrayList<>(ALL.length);
        for (Indicator i : ALL) {
            long count = counts[i.ordinal()];
            list.add(new IndicatorCount(i.tag(), i.priority(), i.clause(), count,
                    count == 0 ? null : Instant.ofEpochMilli(lastMillis[i.ordinal()])));
        }
        return List.copyOf(list);
    }
}
