package dev.chatsuite.messaging.fanout;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;

/** The broker this instance uses: Redis (several instances) or in memory (one instance), by MESSAGING_BROKER. */
@ApplicationScoped
public class BrokerProducer {

    @Produces
    @ApplicationScoped
    Broker broker(@ConfigProperty(name = "messaging.broker", defaultValue = "redis") String kind, Vertx vertx, FanoutContext context,
            ReactiveRedisDataSource redis, @ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts) {
        if ("memory".equals(kind)) {
            return new InMemoryBroker(context);
        }
        RedisBroker broker = new RedisBroker(vertx, context, redis.getRedis(), hosts.get(0));
        broker.start();
        return broker;
    }

    void close(@Disposes Broker broker) {
        if (broker instanceof RedisBroker redis) {
            redis.stop();
        }
    }
}
