package dev.chatsuite.messaging.realtime;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.chatsuite.common.id.Uuids;
import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.fanout.Publication;
import dev.chatsuite.messaging.participant.Participants;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Who is online, shared by all instances in Redis and never stored in PostgreSQL. The hash
 * {@code presence:<user>} holds, per instance, how many of the user's sockets are joined there;
 * it expires unless refreshed, so a crashed instance's users go offline by themselves.
 * <p>
 * This instance counts its joined sockets per user in memory (each socket joins at most once and
 * leaves only after it joined) and writes that count, never an increment, one write per user at
 * a time: whatever order opens and closes interleave in, the last write is this instance's
 * count. A write that fails is written again by the periodic refresh. Each write (a Lua script)
 * returns the user's total before and after it, atomically across instances, so the user's first
 * socket anywhere and last socket everywhere are announced to everyone who shares a conversation
 * with them.
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class);
    /** KEYS[1] the user's hash; ARGV: instance, its count, TTL seconds. Answers {total before, total after}. */
    private static final String WRITE = """
            local function total()
              local sum = 0
              for _, v in ipairs(redis.call('HVALS', KEYS[1])) do sum = sum + tonumber(v) end
              return sum
            end
            local before = total()
            if tonumber(ARGV[2]) > 0 then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
              redis.call('EXPIRE', KEYS[1], ARGV[3])
            else
              redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return {before, total()}
            """;

    private final String instance = Uuids.v7().toString();
    private final ReactiveRedisDataSource redis;
    private final ReactiveKeyCommands<String> keys;
    private final Participants participants;
    private final Broker broker;
    private final RealtimeConfig config;
    /** Sockets joined on this instance, per user; a user with none has no entry. */
    private final Map<UUID, Integer> joined = new ConcurrentHashMap<>();
    /** Users with a write in flight; true when their count changed again meanwhile. */
    private final ConcurrentHashMap<UUID, Boolean> writing = new ConcurrentHashMap<>();
    /** Users whose last write failed: the refresh writes them again. */
    private final Set<UUID> unwritten = ConcurrentHashMap.newKeySet();

    public Presence(ReactiveRedisDataSource redis, Participants participants, Broker broker, RealtimeConfig config) {
        this.redis = redis;
        this.keys = redis.key();
        this.participants = participants;
        this.broker = broker;
        this.config = config;
    }

    void refreshPeriodically(@Observes StartupEvent event, Vertx vertx) {
        long every = Math.max(1000, config.presenceTtl().toMillis() / 3);
        vertx.setPeriodic(every, id -> {
            joined.keySet().forEach(this::write);
            Set.copyOf(unwritten).forEach(this::write);
        });
    }

    /** One more socket of {@code user} here. */
    void join(UUID user) {
        joined.merge(user, 1, Integer::sum);
        write(user);
    }

    /** One socket of {@code user} less here; called only for a socket that joined. */
    void leave(UUID user) {
        joined.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
        write(user);
    }

    /** True when every count has been written (tests wait for it). */
    boolean idle() {
        return writing.isEmpty() && unwritten.isEmpty();
    }

    /** Tells a new socket which of the user's contacts are online now (later changes arrive as events). */
    Uni<Void> greet(ChatSession session) {
        return participants.contacts(session.caller().userId())
                .chain(contacts -> Multi.createFrom().iterable(contacts)
                        .onItem().transformToUniAndMerge(contact -> keys.exists(key(contact)).invoke(online -> {
                            if (online) {
                                session.send(new JsonObject().put("type", "presence").put("userId", contact.toString()).put("online", true));
                            }
                        }))
                        .collect().last())
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** Starts a write of the user's count, or marks it for another once the one in flight is done. */
    private void write(UUID user) {
        if (writing.compute(user, (k, pending) -> pending != null) == Boolean.FALSE) {
            store(user);
        }
    }

    private void store(UUID user) {
        int count = joined.getOrDefault(user, 0);
        redis.execute("EVAL", WRITE, "1", key(user), instance, Integer.toString(count), Long.toString(config.presenceTtl().toSeconds()))
                .chain(totals -> {
                    long before = totals.get(0).toLong();
                    long after = totals.get(1).toLong();
                    if (before == 0 && after > 0) {
                        return announce(user, true);
                    }
                    return before > 0 && after == 0 ? announce(user, false) : Uni.createFrom().voidItem();
                })
                .subscribe().with(v -> written(user, true), e -> {
                    LOG.debugf("Presence not written: %s", e.getClass().getSimpleName());
                    written(user, false);
                });
    }

    /** Ends a write; writes again at once if the count changed meanwhile. */
    private void written(UUID user, boolean ok) {
        if (ok) {
            unwritten.remove(user);
        } else {
            unwritten.add(user);
        }
        Boolean again = writing.compute(user, (k, changed) -> Boolean.TRUE.equals(changed) ? Boolean.FALSE : null);
        if (again != null) {
            store(user);
        }
    }

    private Uni<Void> announce(UUID user, boolean online) {
        Publication event = Publication.ofUser(new JsonObject().put("type", "presence").put("userId", user.toString()).put("online", online).encode());
        // Announcing is best effort: the count is written either way.
        return participants.contacts(user).chain(contacts -> broker.publish(contacts, event)).onFailure().recoverWithNull();
    }

    private static String key(UUID user) {
        return "presence:" + user;
    }
}
