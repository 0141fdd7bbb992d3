package org.medialive.distributor.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * When each recently ended access (a user's, a login session's, a token's) ended. A WebSocket
 * whose handshake was authorised just before its caller's access ended may be registered
 * just after the open ones were closed; this tells {@link LiveConnections} to close it too.
 * An entry is kept a minute, far longer than a handshake takes.
 */
final class RecentRevocations {

    private static final long KEPT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Map<String, Long> endedAt = new ConcurrentHashMap<>();

    void ended(String access) {
        long now = System.nanoTime();
        endedAt.values().removeIf(at -> now - at > KEPT_NANOS);
        endedAt.put(access, now);
    }

    /** Whether the access ended at or after {@code sinceNanos} (a System.nanoTime()). */
    boolean endedSince(String access, long sinceNanos) {
        Long at = access == null ? null : endedAt.get(access);
        return at != null && at - sinceNanos >= 0;
    }
}
