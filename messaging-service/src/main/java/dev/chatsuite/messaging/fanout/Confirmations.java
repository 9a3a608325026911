package dev.chatsuite.messaging.fanout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/**
 * Subscriptions written but not yet confirmed by their push, one future per channel that every
 * socket of the channel waits on, and since when each confirmed channel has been received.
 * Pub/sub commands get no reply of their own, so each Redis broker confirms a channel when its
 * "subscribe"/"ssubscribe" push arrives.
 */
final class Confirmations {

    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> since = new ConcurrentHashMap<>();

    /**
     * Counts one more socket of {@code channel} in {@code subscriptions}; the first one expects a
     * confirmation and hands the channel to {@code send}. Completes, once the channel is
     * confirmed, with the {@link System#nanoTime()} since when it has been received.
     */
    Uni<Long> subscribe(Subscriptions subscriptions, String channel, Consumer<String> send) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        subscriptions.add(channel, () -> {
            since.remove(channel);
            pending.put(channel, done);
            send.accept(channel);
        });
        CompletableFuture<Void> waiting = pending.get(channel);
        Uni<Void> confirmed = Uni.createFrom().completionStage(waiting == null ? CompletableFuture.completedFuture(null) : waiting);
        // Unknown (released while the connection was down): as if just now, which is never too early.
        return confirmed.map(v -> since.getOrDefault(channel, System.nanoTime()));
    }

    /** The confirmation a resubscription of {@code channel} waits for. */
    CompletableFuture<Void> expect(String channel) {
        return pending.computeIfAbsent(channel, c -> new CompletableFuture<>());
    }

    void confirmed(String channel) {
        CompletableFuture<Void> done = pending.remove(channel);
        if (done != null) {
            since.put(channel, System.nanoTime());
            done.complete(null);
        }
    }

    /** The channel has no socket any more. */
    void forget(String channel) {
        since.remove(channel);
    }

    /** The connection is gone: waiting sockets go on, since the resubscription covers their channels. */
    void releaseAll() {
        List.copyOf(pending.keySet()).forEach(this::confirmed);
    }
}
