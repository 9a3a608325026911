package dev.chatsuite.messaging.fanout;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sockets per subscribed user: the first one subscribes, the last one unsubscribes. The
 * callbacks run inside the map's per-key update, so a last close and a new first open of the
 * same user cannot send their commands in the wrong order.
 */
final class Subscriptions {

    private final ConcurrentHashMap<UUID, Integer> counts = new ConcurrentHashMap<>();

    /** Adds one socket; runs {@code onFirst} when it is the user's first. */
    void add(UUID user, Runnable onFirst) {
        counts.compute(user, (k, n) -> {
            if (n == null) {
                onFirst.run();
                return 1;
            }
            return n + 1;
        });
    }

    /** Removes one socket; runs {@code onLast} when it was the user's last. */
    void remove(UUID user, Runnable onLast) {
        counts.computeIfPresent(user, (k, n) -> {
            if (n == 1) {
                onLast.run();
                return null;
            }
            return n - 1;
        });
    }

    boolean contains(UUID user) {
        return counts.containsKey(user);
    }

    Set<UUID> users() {
        return counts.keySet();
    }
}
