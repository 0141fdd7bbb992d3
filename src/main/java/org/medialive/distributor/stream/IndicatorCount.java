package org.medialive.distributor.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One TR 101 290 indicator of one input.
 *
 * @param indicator e.g. {@code pat_error} (see {@link Indicator#tag()})
 * @param clause    the clause of TR 101 290 §5.2 that defines it, e.g. "1.3.a"
 * @param count     how often it was raised since the channel was created
 * @param lastAt    when it was last raised; absent when never
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorCount(String indicator, int priority, String clause, long count, Instant lastAt) {
}
