package org.medialive.distributor.security;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recent failure times per key, with bounded memory: at most {@code capacity} keys (the least
 * recently used go first, and are counted) and at most {@code depth} times per key.
 */
final class FailureWindows {

    private final int depth;
    private final long windowMillis;
    private final Map<String, Deque<Long>> keys;
    private long evictions;

    FailureWindows(int capacity, int depth, long windowMillis) {
        this.depth = Math.max(1, depth);
        this.windowMillis = windowMillis;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
                if (size() > capacity) {
                    evictions++;
                    return true;
                }
                return false;
            }
        };
    }

    /** Records a failure now; returns how many failures the key has within the window. */
    synchronized int add(String key, long now) {
        Deque<Long> times = keys.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.removeIf(t -> now - t > windowMillis);
        times.addLast(now);
        while (times.size() > depth) {
            times.removeFirst();
        }
        return times.size();
    }

    /** Milliseconds the key stays refused: when it has {@code limit} failures in the window, until {@code lockoutMillis} after the last. */
    synchronized long lockedFor(String key, int limit, long lockoutMillis, long now) {
        Deque<Long> times = keys.get(key);
        if (times == null) {
            return 0;
        }
        times.removeIf(t -> now - t > windowMillis);
        if (times.size() < limit) {
            return 0;
        }
        return Math.max(0, lockoutMillis - (now - times.peekLast()));
    }

    synchronized void clear(String key) {
        keys.remove(key);
    }

    synchronized int size() {
        return keys.size();
    }

    synchronized long evictions() {
        return evictions;
    }
}
