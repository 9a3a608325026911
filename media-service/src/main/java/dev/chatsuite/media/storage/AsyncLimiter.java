package dev.chatsuite.media.storage;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/** At most {@code permits} operations in flight; the rest wait their turn without blocking a thread. */
final class AsyncLimiter {

    private final int permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    AsyncLimiter(int permits) {
        this.permits = Math.max(1, permits);
    }

    <T> Uni<T> run(Supplier<Uni<T>> operation) {
        return Uni.createFrom().<Void>emitter(emitter -> {
            waiting.add(() -> emitter.complete(null));
            drain();
        }).chain(operation::get).onTermination().invoke(() -> {
            inFlight.decrementAndGet();
            drain();
        });
    }

    private void drain() {
        while (true) {
            int current = inFlight.get();
            if (current >= permits || waiting.isEmpty()) {
                return;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                Runnable next = waiting.poll();
                if (next == null) {
                    inFlight.decrementAndGet();
                    return;
                }
                next.run();
            }
        }
    }
}
