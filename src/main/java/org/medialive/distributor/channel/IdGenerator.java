package org.medialive.distributor.channel;

import java.util.Locale;
import java.util.function.Predicate;

/** Makes an id from a name when the operator gave none: "BBC News HD" becomes "bbc-news-hd". */
final class IdGenerator {

    private IdGenerator() {
    }

    static String fromName(String name, String fallback, Predicate<String> taken) {
        String base = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (base.isEmpty()) {
            base = fallback;
        }
        base = base.length() > 28 ? base.substring(0, 28).replaceAll("-+$", "") : base;
        String candidate = base;
        for (int n = 2; taken.test(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }
}
