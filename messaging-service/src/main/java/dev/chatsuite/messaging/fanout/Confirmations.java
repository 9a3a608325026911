package dev.chatsuite.messaging.fanout;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/**
 * Subscriptions written but not yet confirmed by their push, one future per channel that every
 * socket of the user waits on. Pub/sub commands get no reply of their own, so each Redis broker
 * confirms a channel when its "subscribe"/"ssubscribe" push arrives.
 */
final class Confirmations {

    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    /**
     * Counts one more socket of {@code user} in {@code subscriptions}; the first one expects a
     * confirmation of {@code channel} and hands the channel to {@code send}. Completes once the
     * channel is confirmed, or at once when nothing is pending for it.
     */
    Uni<Void> subscribe(Subscriptions subscriptions, UUID user, String channel, Consumer<String> send) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        subscriptions.add(user, () -> {
            pending.put(channel, done);
            send.accept(channel);
        });
        CompletableFuture<Void> waiting = pending.get(channel);
        return Uni.createFrom().completionStage(waiting == null ? CompletableFuture.completedFuture(null) : waiting);
    }

    /** The confirmation a resubscription of {@code channel} waits for. */
    CompletableFuture<Void> expect(String channel) {
        return pending.computeIfAbsent(channel, c -> new CompletableFuture<>());
    }

    void confirmed(String channel) {
        CompletableFuture<Void> done = pending.remove(channel);
        if (done != null) {
            done.complete(null);
        }
    }

    /** The connection is gone: waiting sockets go on, since the resubscription covers their users. */
    void releaseAll() {
        List.copyOf(pending.keySet()).forEach(this::confirmed);
    }
}
