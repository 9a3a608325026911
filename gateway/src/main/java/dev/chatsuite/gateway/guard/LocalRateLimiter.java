package dev.chatsuite.gateway.guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same fixed one-minute windows as {@link RateLimiter}, counted in this process only: the
 * fallback while Redis is unreachable. Only the current window is kept; past
 * {@value #MAX_KEYS} keys in one window, new keys are let through uncounted rather than grow
 * without bound.
 */
final class LocalRateLimiter {

    static final int MAX_KEYS = 100_000;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile long window = -1;

    /** The count of this request in its window (1 for the first). */
    long increment(String key, long currentWindow) {
        if (currentWindow != window) {
            synchronized (this) {
                if (currentWindow != window) {
                    counts.clear();
                    window = currentWindow;
                }
            }
        }
        AtomicLong count = counts.get(key);
        if (count == null) {
            if (counts.size() >= MAX_KEYS) {
                return 1;
            }
            count = counts.computeIfAbsent(key, k -> new AtomicLong());
        }
        return count.incrementAndGet();
    }
}
