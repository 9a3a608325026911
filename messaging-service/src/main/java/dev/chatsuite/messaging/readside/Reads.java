package dev.chatsuite.messaging.readside;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Chooses the pool for history and conversation lists, keeping read-your-writes for the writer
 * (docs/decisions.md, "Read replica"). Each instance remembers, per user and conversation, what
 * that user last wrote there through it:
 * <ul>
 * <li>a post: its seq. The writer's reads go to the replica only once the replica's
 * {@code conversation.last_seq} has reached it (the post, its seq and the sender's read marker
 * are one transaction, replayed whole and in commit order); then the fence is dropped;</li>
 * <li>any other write (edit, deletion, reaction, read marker, membership): the writer's reads
 * of that conversation and of their list stay on the primary for DB_READ_FENCE.</li>
 * </ul>
 * Everyone else reads the replica. A replica that fails to answer is replaced by the primary
 * for that read. Without DB_READ_HOST nothing is remembered and everything reads the primary.
 */
@Singleton
public class Reads {

    /** A seq fence the replica has not reached in this long is dropped (bounds memory; such a replica is out of service). */
    static final long SEQ_FENCE_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final Logger LOG = Logger.getLogger(Reads.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** seq: the writer's latest post (0: none); primaryUntil and expires: System.nanoTime() values. */
    record Fence(long seq, long primaryUntil, long expires) {
    }

    private final Pool primary;
    private final Pool replica;
    private final long fenceNanos;
    private final LongSupplier clock;
    private final Map<UUID, Map<UUID, Fence>> fences = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    @Inject
    public Reads(ReadPools pools, ReadReplicaConfig config) {
        this(pools.primary(), pools.replica().orElse(null), config.fence().toNanos(), System::nanoTime);
    }

    Reads(Pool primary, Pool replica, long fenceNanos, LongSupplier clock) {
        this.primary = primary;
        this.replica = replica;
        this.fenceNanos = fenceNanos;
        this.clock = clock;
    }

    /** Whether a replica is configured. */
    public boolean replicated() {
        return replica != null;
    }

    /** {@code user} posted {@code seq} in {@code conversation} through this instance. */
    public void posted(UUID user, UUID conversation, long seq) {
        if (replica == null) {
            return;
        }
        long now = clock.getAsLong();
        raise(user, conversation, new Fence(seq, now, now + SEQ_FENCE_NANOS), now);
    }

    /** {@code user} changed {@code conversation} without a new seq (edit, deletion, reaction, read marker, membership). */
    public void changed(UUID user, UUID conversation) {
        if (replica == null) {
            return;
        }
        long now = clock.getAsLong();
        long until = now + fenceNanos;
        raise(user, conversation, new Fence(0, until, until), now);
    }

    /** Merges a fence in: the higher seq, the later window, the later expiry. */
    private void raise(UUID user, UUID conversation, Fence fence, long now) {
        // compute on the outer map: atomic with live()'s removal of an emptied user.
        fences.compute(user, (k, mine) -> {
            Map<UUID, Fence> map = mine == null ? new ConcurrentHashMap<>() : mine;
            map.merge(conversation, fence, (old, fresh) -> new Fence(Math.max(old.seq(), fresh.seq()),
                    later(old.primaryUntil(), fresh.primaryUntil()), later(old.expires(), fresh.expires())));
            return map;
        });
        if (writes.incrementAndGet() % 4096 == 0) {
            // Now and then, remove the expired fences of users who have not read since.
            fences.keySet().forEach(u -> live(u, now));
        }
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    /** Reads {@code user}'s view of one conversation's messages with the pool the rule picks. */
    public <T> Uni<T> history(UUID user, UUID conversation, Function<SqlClient, Uni<T>> read) {
        if (replica == null) {
            return read.apply(primary);
        }
        long now = clock.getAsLong();
        Map<UUID, Fence> mine = live(user, now);
        Fence fence = mine == null ? null : mine.get(conversation);
        if (fence == null) {
            return fromReplica(read);
        }
        if (now - fence.primaryUntil() < 0) {
            return read.apply(primary);
        }
        return caughtUp(user, Map.of(conversation, fence.seq()))
                .chain(yes -> yes ? fromReplica(read) : read.apply(primary));
    }

    /** Reads {@code user}'s conversation list with the pool the rule picks (any of their fences counts). */
    public <T> Uni<T> conversations(UUID user, Function<SqlClient, Uni<T>> read) {
        if (replica == null) {
            return read.apply(primary);
        }
        long now = clock.getAsLong();
        Map<UUID, Fence> mine = live(user, now);
        if (mine == null || mine.isEmpty()) {
            return fromReplica(read);
        }
        Map<UUID, Long> seqs = new java.util.HashMap<>();
        for (Map.Entry<UUID, Fence> entry : mine.entrySet()) {
            if (now - entry.getValue().primaryUntil() < 0) {
                return read.apply(primary);
            }
            seqs.put(entry.getKey(), entry.getValue().seq());
        }
        return caughtUp(user, seqs).chain(yes -> yes ? fromReplica(read) : read.apply(primary));
    }

    /**
     * Whether the replica's last_seq of every conversation has reached its fence; those reached are
     * dropped. A replica that cannot answer has not caught up.
     */
    private Uni<Boolean> caughtUp(UUID user, Map<UUID, Long> seqs) {
        List<UUID> pending = new ArrayList<>();
        seqs.forEach((conversation, seq) -> {
            if (seq > 0) {
                pending.add(conversation);
            } else {
                drop(user, conversation, 0);
            }
        });
        if (pending.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return replica.preparedQuery("SELECT id, last_seq FROM conversation WHERE id = ANY($1)")
                .execute(Tuple.of(pending.toArray(UUID[]::new)))
                .map(rows -> {
                    int reached = 0;
                    for (Row row : rows) {
                        UUID conversation = row.getUUID("id");
                        if (row.getLong("last_seq") >= seqs.get(conversation)) {
                            drop(user, conversation, row.getLong("last_seq"));
                            reached++;
                        }
                    }
                    return reached == pending.size();
                })
                .onFailure().recoverWithItem(e -> {
                    logFailure(e);
                    return false;
                });
    }

    /** Drops a fence the replica has reached, unless a newer post or write raised it meanwhile. */
    private void drop(UUID user, UUID conversation, long replicaSeq) {
        Map<UUID, Fence> mine = fences.get(user);
        if (mine != null) {
            long now = clock.getAsLong();
            mine.computeIfPresent(conversation, (k, f) -> f.seq() <= replicaSeq && now - f.primaryUntil() >= 0 ? null : f);
        }
    }

    private <T> Uni<T> fromReplica(Function<SqlClient, Uni<T>> read) {
        return read.apply(replica).onFailure().recoverWithUni(e -> {
            logFailure(e);
            return read.apply(primary);
        });
    }

    /** The user's fences still in force, the expired ones removed; null when none. */
    private Map<UUID, Fence> live(UUID user, long now) {
        return fences.computeIfPresent(user, (k, mine) -> {
            mine.values().removeIf(f -> now - f.expires() >= 0);
            return mine.isEmpty() ? null : mine;
        });
    }

    private void logFailure(Throwable e) {
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last >= LOG_EVERY_NANOS && lastFailureLog.compareAndSet(last, now)) {
            LOG.warnf("The read replica did not answer (%s: %s); reading the primary instead", e.getClass().getSimpleName(), e.getMessage());
        }
    }

    /** Users with fences held (for tests). */
    int usersFenced() {
        return fences.size();
    }
}
