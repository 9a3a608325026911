package dev.chatsuite.messaging.fanout;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sockets per subscribed channel (a user's or a conversation's): the first one subscribes, the
 * last one unsubscribes. The callbacks run inside the map's per-key update, so a last close and
 * a new first open of the same channel cannot send their commands in the wrong order.
 */
final class Subscriptions {

    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    /** Adds one socket; runs {@code onFirst} when it is the channel's first. */
    void add(String channel, Runnable onFirst) {
        counts.compute(channel, (k, n) -> {
            if (n == null) {
                onFirst.run();
                return 1;
            }
            return n + 1;
        });
    }

    /** Removes one socket; runs {@code onLast} when it was the channel's last. */
    void remove(String channel, Runnable onLast) {
        counts.computeIfPresent(channel, (k, n) -> {
            if (n == 1) {
                onLast.run();
                return null;
            }
            return n - 1;
        });
    }

    boolean contains(String channel) {
        return counts.containsKey(channel);
    }

    Set<String> channels() {
        return counts.keySet();
    }
}
