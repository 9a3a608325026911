package dev.chatsuite.messaging.realtime;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.chatsuite.common.id.Uuids;
import dev.chatsuite.messaging.participant.Participants;
import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.fanout.Publication;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Who is online, shared by all instances in Redis and never stored in PostgreSQL: the hash
 * {@code presence:<user>} counts each instance's sockets for the user (one up and one down per
 * socket) and expires unless
 * refreshed, so a crashed instance's users go offline by themselves. A user's first socket
 * anywhere and last socket everywhere are announced to everyone who shares a conversation
 * with them.
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class);
    private final String instance = Uuids.v7().toString();
    private final ReactiveHashCommands<String, String, Long> hashes;
    private final ReactiveKeyCommands<String> keys;
    private final Participants participants;
    private final Broker broker;
    private final Sessions sessions;
    private final RealtimeConfig config;

    public Presence(ReactiveRedisDataSource redis, Participants participants, Broker broker, Sessions sessions,
            RealtimeConfig config) {
        this.hashes = redis.hash(String.class, String.class, Long.class);
        this.keys = redis.key();
        this.participants = participants;
        this.broker = broker;
        this.sessions = sessions;
        this.config = config;
    }

    void refreshPeriodically(@Observes StartupEvent event, Vertx vertx) {
        long every = Math.max(1000, config.presenceTtl().toMillis() / 3);
        vertx.setPeriodic(every, id -> sessions.users().forEach(user -> keys.expire(key(user), config.presenceTtl())
                .subscribe().with(v -> {
                }, e -> LOG.debugf("Presence refresh failed: %s", e.getClass().getSimpleName()))));
    }

    Uni<Void> connected(UUID user) {
        return hashes.hincrby(key(user), instance, 1)
                .chain(() -> keys.expire(key(user), config.presenceTtl()))
                .chain(() -> total(user))
                .chain(total -> total == 1 ? announce(user, true) : Uni.createFrom().voidItem())
                .onFailure().recoverWithNull();
    }

    Uni<Void> disconnected(UUID user) {
        return hashes.hincrby(key(user), instance, -1)
                .chain(left -> left <= 0 ? hashes.hdel(key(user), instance).replaceWithVoid() : Uni.createFrom().voidItem())
                .chain(() -> total(user))
                .chain(total -> total == 0 ? announce(user, false) : Uni.createFrom().voidItem())
                .onFailure().recoverWithNull();
    }

    /** Tells a new socket which of the user's contacts are online now (later changes arrive as events). */
    Uni<Void> greet(ChatSession session) {
        return participants.contacts(session.caller().userId())
                .chain(contacts -> io.smallrye.mutiny.Multi.createFrom().iterable(contacts)
                        .onItem().transformToUniAndMerge(contact -> keys.exists(key(contact)).invoke(online -> {
                            if (online) {
                                session.send(new JsonObject().put("type", "presence").put("userId", contact.toString()).put("online", true));
                            }
                        }))
                        .collect().last())
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private Uni<Long> total(UUID user) {
        return hashes.hvals(key(user)).map(values -> values.stream().mapToLong(v -> v == null ? 0 : v).sum());
    }

    private Uni<Void> announce(UUID user, boolean online) {
        Publication event = Publication.ofUser(new JsonObject().put("type", "presence").put("userId", user.toString()).put("online", online).encode());
        return participants.contacts(user).chain(contacts -> broker.publish(contacts, event));
    }

    private static String key(UUID user) {
        return "presence:" + user;
    }
}
