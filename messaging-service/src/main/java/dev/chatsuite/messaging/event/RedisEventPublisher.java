package dev.chatsuite.messaging.event;

import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Publishes each event once per recipient on the user's channel {@code chat:user:<id>}; every
 * instance subscribes to the channels of the users connected to it, so an event reaches every
 * connection of every recipient, and nothing else.
 * <p>
 * The PUBLISH commands of one event go out as one pipelined batch on one pooled connection.
 * Sent one by one, a busy instance (1,000 messages a second to groups of ten) queued more
 * commands than the pool accepts and events were dropped with ConnectionPoolTooBusyException.
 */
@ApplicationScoped
public class RedisEventPublisher implements EventPublisher {

    public static final String USER_CHANNEL_PREFIX = "chat:user:";
    private final Redis redis;

    public RedisEventPublisher(ReactiveRedisDataSource redis) {
        this.redis = redis.getRedis();
    }

    public static String channel(UUID user) {
        return USER_CHANNEL_PREFIX + user;
    }

    @Override
    public Uni<Void> publish(Collection<UUID> recipients, Object event) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String payload = Json.encode(event);
        return redis.batch(recipients.stream().map(user -> Request.cmd(Command.PUBLISH).arg(channel(user)).arg(payload)).toList())
                .replaceWithVoid();
    }
}
