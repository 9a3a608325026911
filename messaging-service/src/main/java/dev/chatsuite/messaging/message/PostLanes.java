package dev.chatsuite.messaging.message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.messaging.MessagingConfig;
import dev.chatsuite.messaging.message.MessageRepository.Addressed;
import dev.chatsuite.messaging.message.MessageRepository.Draft;
import dev.chatsuite.messaging.message.MessageRepository.Posted;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;

/**
 * Plain posts reach storage in few statements: at most {@code posts-in-flight} statements are
 * out at a time, and the posts that arrive meanwhile wait, then go together in the next one,
 * whatever their conversations (one statement and one commit for many posts cost PostgreSQL
 * about half the CPU per post of one each: docs/benchmarks.md). Alone, a post goes at once.
 * A conversation has at most one statement in flight, so its seqs follow arrival order.
 */
@ApplicationScoped
public class PostLanes {

    static final int MAX_BATCH = 64;
    /** Posts that may wait in one conversation; more are refused with 503 and Retry-After. */
    static final int MAX_WAITING = 1024;
    private static final String UNIQUE_VIOLATION = "23505";
    /** Two statements locked the same conversation rows in opposite order (only when posts bypass owners). */
    private static final String DEADLOCK = "40P01";
    /** Conversations with posts waiting, the longest-waiting first; guarded by {@code this}. */
    private final Map<UUID, ArrayDeque<Waiting>> lanes = new LinkedHashMap<>();
    /** Conversations with a statement in flight; guarded by {@code this}. */
    private final Set<UUID> storing = new HashSet<>();
    private int statements;
    private final MessageRepository messages;
    private final DistributionSummary batchSizes;
    /** Where a post's acknowledgement waits: behind the statements in flight, then in its own. */
    private final Timer waited;
    private final Timer stored;
    private final int maxWaiting;
    private final int maxStatements;

    @Inject
    public PostLanes(MessageRepository messages, MeterRegistry registry, MessagingConfig config) {
        this(messages, registry, MAX_WAITING, config.postsInFlight());
    }

    PostLanes(MessageRepository messages, MeterRegistry registry, int maxWaiting, int maxStatements) {
        this.messages = messages;
        this.maxWaiting = maxWaiting;
        this.maxStatements = maxStatements;
        this.batchSizes = DistributionSummary.builder("chat.posts.batch.size")
                .description("Plain posts stored by one statement").register(registry);
        this.waited = Timer.builder("chat.posts.lane.wait").description("A plain post's wait for its statement")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.stored = Timer.builder("chat.posts.store").description("One post statement, from sending it to its commit's answer")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** A post waiting for its statement, answered on the context it came from. */
    private record Waiting(UUID conversation, Draft draft, UniEmitter<? super Optional<Posted>> emitter, Context context, long arrived) {

        void complete(Optional<Posted> stored) {
            answer(() -> emitter.complete(stored));
        }

        void fail(Throwable failure) {
            answer(() -> emitter.fail(failure));
        }

        private void answer(Runnable answer) {
            CallerContext.answer(context, answer);
        }
    }

    /** Stores {@code draft} in {@code conversation}; empty when its sender does not take part. */
    public Uni<Optional<Posted>> post(UUID conversation, Draft draft) {
        return Uni.createFrom().emitter(emitter -> {
            Waiting waiting = new Waiting(conversation, draft, emitter, Vertx.currentContext(), System.nanoTime());
            boolean full;
            synchronized (this) {
                ArrayDeque<Waiting> lane = lanes.computeIfAbsent(conversation, k -> new ArrayDeque<>());
                full = lane.size() >= maxWaiting;
                if (!full) {
                    lane.add(waiting);
                }
            }
            if (full) {
                emitter.fail(CommonProblem.SERVICE_UNAVAILABLE.exception("Too many posts are waiting in this conversation; retry shortly."));
            } else {
                drain();
            }
        });
    }

    /** While fewer than the limit are in flight: takes up to {@link #MAX_BATCH} waiting posts of idle conversations and stores them. */
    private void drain() {
        while (true) {
            List<Waiting> batch = new ArrayList<>();
            synchronized (this) {
                if (statements >= maxStatements) {
                    return;
                }
                Iterator<Map.Entry<UUID, ArrayDeque<Waiting>>> it = lanes.entrySet().iterator();
                while (it.hasNext() && batch.size() < MAX_BATCH) {
                    Map.Entry<UUID, ArrayDeque<Waiting>> lane = it.next();
                    if (storing.contains(lane.getKey())) {
                        continue;
                    }
                    ArrayDeque<Waiting> queue = lane.getValue();
                    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(queue.poll());
                    }
                    storing.add(lane.getKey());
                    if (queue.isEmpty()) {
                        it.remove();
                    }
                }
                if (batch.isEmpty()) {
                    return;
                }
                statements++;
            }
            batchSizes.record(batch.size());
            long start = System.nanoTime();
            batch.forEach(w -> waited.record(start - w.arrived(), TimeUnit.NANOSECONDS));
            store(batch).subscribe().with(done -> {
                stored.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                done(batch);
            }, failure -> done(batch));
        }
    }

    private void done(List<Waiting> batch) {
        synchronized (this) {
            statements--;
            batch.forEach(w -> storing.remove(w.conversation()));
        }
        drain();
    }

    /**
     * One statement for the batch; if a clientMessageId repeats an earlier one (or two statements
     * deadlocked), each post alone (each gets its own answer).
     */
    private Uni<Void> store(List<Waiting> batch) {
        if (batch.size() == 1) {
            return alone(batch.get(0));
        }
        return messages.insertAll(batch.stream().map(w -> new Addressed(w.conversation(), w.draft())).toList())
                .invoke(stored -> batch.forEach(w -> w.complete(Optional.ofNullable(stored.get(w.draft().id())))))
                .replaceWithVoid()
                .onFailure(e -> e instanceof PgException pg && (UNIQUE_VIOLATION.equals(pg.getSqlState()) || DEADLOCK.equals(pg.getSqlState())))
                .recoverWithUni(() -> oneByOne(batch))
                .onFailure().invoke(failure -> batch.forEach(w -> w.fail(failure)))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> oneByOne(List<Waiting> batch) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Waiting waiting : batch) {
            chain = chain.chain(() -> alone(waiting));
        }
        return chain;
    }

    private Uni<Void> alone(Waiting waiting) {
        Draft d = waiting.draft();
        return messages.insert(d.id(), waiting.conversation(), d.sender(), d.body(), List.of(), d.clientMessageId(), null, d.createdAt())
                .invoke(waiting::complete)
                .onFailure().invoke(waiting::fail)
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
