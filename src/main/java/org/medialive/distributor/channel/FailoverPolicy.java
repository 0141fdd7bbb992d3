package org.medialive.distributor.channel;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.medialive.distributor.RequestRejectedException.invalid;

/**
 * When a channel with a {@code backupInput} changes input.
 *
 * @param after       how long the active input may deliver no MPEG-TS before the other one takes over
 *                    ("300ms" by default; 50ms to 10s)
 * @param revert      "auto": after an automatic failover, return to the primary once it has been healthy
 *                    for {@code revertAfter}; "manual": stay on the backup until an operator switches back
 * @param revertAfter how long the primary must be healthy before an automatic return ("10s" by default; 1s to 1h)
 */
public record FailoverPolicy(String after, String revert, String revertAfter) {

    public static final FailoverPolicy DEFAULTS = new FailoverPolicy("300ms", "auto", "10s");

    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(ms|s|m|h)");

    /** Fills in defaults and checks every field; the message says what to fix. */
    public FailoverPolicy validated() {
        String checkedAfter = after == null ? DEFAULTS.after : after.trim();
        long afterMillis = millis(checkedAfter, "failover.after");
        if (afterMillis < 50 || afterMillis > 10_000) {
            throw invalid("failover.after must be between 50ms and 10s, not " + checkedAfter
                    + " (a few hundred milliseconds rides out a late datagram without flapping)");
        }
        String checkedRevert = revert == null ? DEFAULTS.revert : revert.trim();
        if (!checkedRevert.equals("auto") && !checkedRevert.equals("manual")) {
            throw invalid("failover.revert must be \"auto\" or \"manual\", not '" + shortened(checkedRevert) + "'");
        }
        String checkedRevertAfter = revertAfter == null ? DEFAULTS.revertAfter : revertAfter.trim();
        long revertMillis = millis(checkedRevertAfter, "failover.revertAfter");
        if (revertMillis < 1000 || revertMillis > 3_600_000) {
            throw invalid("failover.revertAfter must be between 1s and 1h, not " + checkedRevertAfter);
        }
        return new FailoverPolicy(checkedAfter, checkedRevert, checkedRevertAfter);
    }

    long afterMillis() {
        return millis(after, "failover.after");
    }

    long revertAfterMillis() {
        return millis(revertAfter, "failover.revertAfter");
    }

    boolean revertsByItself() {
        return "auto".equals(revert);
    }

    private static long millis(String text, String field) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw invalid(field + " must be a duration such as 300ms, 10s, 2m or 1h, not '" + shortened(text) + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> Duration.ofSeconds(amount).toMillis();
            case "h" -> Duration.ofHours(amount).toMillis();
            default -> Duration.ofMinutes(amount).toMillis();
        };
    }

    private static String shortened(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "..." : text;
    }
}
