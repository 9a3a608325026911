package dev.chatsuite.messaging.fanout;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;

/**
 * The broker this instance uses, by MESSAGING_BROKER: Redis (several instances) or in memory (one
 * instance). On Redis, REDIS_CLIENT_TYPE=cluster picks sharded pub/sub over every seed node.
 */
@ApplicationScoped
public class BrokerProducer {

    @Produces
    @ApplicationScoped
    Broker broker(@ConfigProperty(name = "messaging.broker", defaultValue = "redis") String kind, Vertx vertx, FanoutContext context,
            ReactiveRedisDataSource redis, @ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        if ("memory".equals(kind)) {
            return new InMemoryBroker(context);
        }
        if ("cluster".equalsIgnoreCase(clientType)) {
            ShardedRedisBroker sharded = new ShardedRedisBroker(vertx, context, hosts);
            sharded.start();
            return sharded;
        }
        RedisBroker broker = new RedisBroker(vertx, context, redis.getRedis(), hosts.get(0));
        broker.start();
        return broker;
    }

    void close(@Disposes Broker broker) {
        if (broker instanceof RedisBroker redis) {
            redis.stop();
        } else if (broker instanceof ShardedRedisBroker sharded) {
            sharded.stop();
        }
    }
}
