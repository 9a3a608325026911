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
    /** Subscribe commands sent and not yet confirmed, per channel (more than one after a quick unsubscribe and subscribe). */
    private final Map<String, Integer> outstanding = new ConcurrentHashMap<>();
    private final Map<String, Long> since = new ConcurrentHashMap<>();

    /**
     * Counts one more socket of {@code channel} in {@code subscriptions}; the first one expects a
     * confirmation and hands the channel to {@code send}. Completes, once the channel is
     * confirmed, with the {@link System#nanoTime()} since when it has been received.
     */
    Uni<Long> subscribe(Subscriptions subscriptions, String channel, Consumer<String> send) {
        subscriptions.add(channel, () -> {
            since.remove(channel);
            // An earlier subscribe may still be unconfirmed (an unsubscribe came between): its
            // push must not confirm this one, which Redis handles after that unsubscribe.
            expect(channel);
            send.accept(channel);
        });
        CompletableFuture<Void> waiting = pending.get(channel);
        Uni<Void> confirmed = Uni.createFrom().completionStage(waiting == null ? CompletableFuture.completedFuture(null) : waiting);
        // Unknown (released while the connection was down): as if just now, which is never too early.
        return confirmed.map(v -> since.getOrDefault(channel, System.nanoTime()));
    }

    /** One more subscribe command of {@code channel} (a first socket's, or a resubscription's), and the confirmation it waits for. */
    CompletableFuture<Void> expect(String channel) {
        CompletableFuture<Void> done = pending.computeIfAbsent(channel, c -> new CompletableFuture<>());
        outstanding.merge(channel, 1, Integer::sum);
        return done;
    }

    /** A subscribe push: once every subscribe command sent for the channel is confirmed, its waiters go on. */
    void confirmed(String channel) {
        if (outstanding.computeIfPresent(channel, (c, n) -> n > 1 ? n - 1 : null) != null) {
            return;
        }
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
        outstanding.clear();
        List.copyOf(pending.keySet()).forEach(this::confirmed);
    }
}
