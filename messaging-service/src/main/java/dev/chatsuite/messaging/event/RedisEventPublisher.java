package dev.chatsuite.messaging.event;

import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;

/**
 * Publishes each event once per recipient on the user's channel {@code chat:user:<id>}; every
 * instance subscribes to the channels of the users connected to it, so an event reaches every
 * connection of every recipient, and nothing else.
 */
@ApplicationScoped
public class RedisEventPublisher implements EventPublisher {

    public static final String USER_CHANNEL_PREFIX = "chat:user:";
    private final ReactivePubSubCommands<String> pubsub;

    public RedisEventPublisher(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(String.class);
    }

    public static String channel(UUID user) {
        return USER_CHANNEL_PREFIX + user;
    }

    @Override
    public Uni<Void> publish(Collection<UUID> recipients, Object event) {
        String payload = Json.encode(event);
        return Multi.createFrom().iterable(recipients)
                .onItem().transformToUniAndMerge(user -> pubsub.publish(channel(user), payload))
                .collect().last().replaceWithVoid();
    }
}
