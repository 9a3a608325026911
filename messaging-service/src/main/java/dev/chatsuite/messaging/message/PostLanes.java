package dev.chatsuite.messaging.message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.messaging.MessagingConfig;
import dev.chatsuite.messaging.message.MessageRepository.Draft;
import dev.chatsuite.messaging.message.MessageRepository.Lane;
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
 * Plain posts of one conversation reach storage one statement at a time: while one is being
 * stored, the next ones wait, then go together in one statement and one transaction. Alone, a
 * post goes at once; under load, instead of queueing on the conversation row's lock in
 * PostgreSQL (each waiter holding a pooled connection and re-checking the row when it gets it),
 * the waiters share one seq allocation and one commit. Seqs follow arrival order.
 * <p>
 * Across conversations, an instance runs at most {@code messaging.post-statements} post
 * statements at a time ({@link StatementSlots}): conversations whose posts are ready while those
 * run go together in the next one, so a busy instance pays one round trip and one commit for
 * many conversations.
 */
@ApplicationScoped
public class PostLanes {

    static final int MAX_BATCH = 64;
    /** Most posts in one statement of several conversations. */
    static final int MAX_STATEMENT_POSTS = 256;
    /** Posts that may wait behind one conversation's statement; more are refused with 503 and Retry-After. */
    static final int MAX_WAITING = 1024;
    private static final String UNIQUE_VIOLATION = "23505";
    /** A lane exists exactly while its conversation has a statement in flight. */
    private final Map<UUID, ArrayDeque<Waiting>> lanes = new ConcurrentHashMap<>();
    private final MessageRepository messages;
    private final DistributionSummary batchSizes;
    /** Where a post's acknowledgement waits: behind the conversation's statement in flight and for a slot, then in its own. */
    private final Timer waited;
    private final Timer stored;
    private final DistributionSummary conversationsPerStatement;
    private final int maxWaiting;
    private final StatementSlots<Ready> slots;

    @Inject
    public PostLanes(MessageRepository messages, MeterRegistry registry, MessagingConfig config) {
        this(messages, registry, MAX_WAITING, requirePositive(config.postStatements()));
    }

    private static int requirePositive(int statements) {
        if (statements < 1) {
            throw new IllegalArgumentException("messaging.post-statements (MESSAGING_POST_STATEMENTS) must be at least 1, not " + statements);
        }
        return statements;
    }

    PostLanes(MessageRepository messages, MeterRegistry registry, int maxWaiting, int statements) {
        this.messages = messages;
        this.maxWaiting = maxWaiting;
        this.slots = new StatementSlots<>(statements, MAX_STATEMENT_POSTS, ready -> ready.batch().size(), this::storeLanes);
        this.conversationsPerStatement = DistributionSummary.builder("chat.posts.statement.conversations")
                .description("Conversations whose posts one statement stores").register(registry);
        this.batchSizes = DistributionSummary.builder("chat.posts.batch.size")
                .description("Plain posts of one conversation stored by one statement").register(registry);
        this.waited = Timer.builder("chat.posts.lane.wait").description("A plain post's wait behind its conversation's statement in flight, then for a statement slot")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.stored = Timer.builder("chat.posts.store").description("One post statement, from sending it to its commit's answer, once per conversation it stores")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** One conversation's batch, ready for a statement. */
    private record Ready(UUID conversation, List<Waiting> batch) {
    }

    /** A post waiting for its statement, answered on the context it came from. */
    private record Waiting(Draft draft, UniEmitter<? super Optional<Posted>> emitter, Context context, long arrived) {

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
            Waiting waiting = new Waiting(draft, emitter, Vertx.currentContext(), System.nanoTime());
            boolean[] first = {false};
            boolean[] full = {false};
            lanes.compute(conversation, (k, queue) -> {
                ArrayDeque<Waiting> lane = queue == null ? new ArrayDeque<>() : queue;
                first[0] = queue == null;
                full[0] = lane.size() >= maxWaiting;
                if (!full[0]) {
                    lane.add(waiting);
                }
                return lane;
            });
            if (full[0]) {
                emitter.fail(CommonProblem.SERVICE_UNAVAILABLE.exception("Too many posts are waiting in this conversation; retry shortly."));
            } else if (first[0]) {
                drain(conversation);
            }
        });
    }

    /** Takes up to {@link #MAX_BATCH} waiting posts and stores them; then the next ones, or the lane ends. */
    private void drain(UUID conversation) {
        List<Waiting> batch = new ArrayList<>();
        lanes.computeIfPresent(conversation, (k, lane) -> {
            while (!lane.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(lane.poll());
            }
            return lane;
        });
        if (batch.isEmpty()) {
            next(conversation);
            return;
        }
        batchSizes.record(batch.size());
        slots.offer(new Ready(conversation, batch));
    }

    /** One statement for the lanes' batches; then each lane's next batch, then the slot is free. */
    private void storeLanes(List<Ready> lanes, Runnable done) {
        long start = System.nanoTime();
        lanes.forEach(ready -> ready.batch().forEach(w -> waited.record(start - w.arrived(), TimeUnit.NANOSECONDS)));
        conversationsPerStatement.record(lanes.size());
        Uni<Void> statement = lanes.size() == 1 ? store(lanes.get(0).conversation(), lanes.get(0).batch()) : storeMany(lanes);
        Runnable finish = () -> {
            long took = System.nanoTime() - start;
            lanes.forEach(ready -> stored.record(took, TimeUnit.NANOSECONDS));
            // Queued before the slot frees, so the lanes' next batches can share it.
            lanes.forEach(ready -> next(ready.conversation()));
            done.run();
        };
        statement.subscribe().with(ignored -> finish.run(), failure -> finish.run());
    }

    /**
     * One statement for several conversations. If it fails (a repeated clientMessageId, or a lock
     * cycle with another instance's statement), each conversation is stored alone, as above.
     */
    private Uni<Void> storeMany(List<Ready> lanes) {
        List<Lane> drafts = lanes.stream().map(ready -> new Lane(ready.conversation(), ready.batch().stream().map(Waiting::draft).toList())).toList();
        return messages.insertMany(drafts)
                .invoke(stored -> lanes.forEach(ready -> ready.batch().forEach(w -> w.complete(Optional.ofNullable(stored.get(w.draft().id()))))))
                .replaceWithVoid()
                .onFailure().recoverWithUni(() -> Uni.join().all(lanes.stream().map(ready -> store(ready.conversation(), ready.batch())).toList())
                        .andCollectFailures().replaceWithVoid());
    }

    private void next(UUID conversation) {
        boolean[] more = {false};
        lanes.computeIfPresent(conversation, (k, lane) -> {
            more[0] = !lane.isEmpty();
            return more[0] ? lane : null;
        });
        if (more[0]) {
            drain(conversation);
        }
    }

    /** One statement for the batch; if a clientMessageId repeats an earlier one, each post alone (each gets its own answer). */
    private Uni<Void> store(UUID conversation, List<Waiting> batch) {
        if (batch.size() == 1) {
            return alone(conversation, batch.get(0));
        }
        return messages.insertAll(conversation, batch.stream().map(Waiting::draft).toList())
                .invoke(stored -> batch.forEach(w -> w.complete(Optional.ofNullable(stored.get(w.draft().id())))))
                .replaceWithVoid()
                .onFailure(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()))
                .recoverWithUni(() -> oneByOne(conversation, batch))
                .onFailure().invoke(failure -> batch.forEach(w -> w.fail(failure)))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> oneByOne(UUID conversation, List<Waiting> batch) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Waiting waiting : batch) {
            chain = chain.chain(() -> alone(conversation, waiting));
        }
        return chain;
    }

    private Uni<Void> alone(UUID conversation, Waiting waiting) {
        Draft d = waiting.draft();
        return messages.insert(d.id(), conversation, d.sender(), d.body(), List.of(), d.clientMessageId(), null, d.createdAt())
                .invoke(waiting::complete)
                .onFailure().invoke(waiting::fail)
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
