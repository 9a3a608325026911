package dev.chatsuite.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** The contract against the Redis on 127.0.0.1:6379, reached through a proxy the test can cut. */
class RedisBrokerContractTest extends BrokerContract {

    private TcpProxy proxy;

    @Override
    protected Broker create(Vertx vertx, FanoutContext context) {
        proxy = new TcpProxy("127.0.0.1", 6379).start();
        String url = "redis://127.0.0.1:" + proxy.port();
        io.vertx.mutiny.redis.client.Redis pool = io.vertx.mutiny.redis.client.Redis.newInstance(
                Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(4).setMaxPoolWaiting(4096)));
        RedisBroker redis = new RedisBroker(vertx, context, pool, url);
        redis.start();
        return redis;
    }

    @Override
    protected void stop(Broker broker) {
        ((RedisBroker) broker).stop();
        proxy.close();
    }

    @Test
    void shouldResubscribeAfterTheConnectionIsLostAndSaySo() throws Exception {
        UUID bob = UUID.randomUUID();
        subscribe(bob);
        proxy.disconnect();
        await().atMost(Duration.ofSeconds(10)).until(() -> !broker.ready());
        proxy.reconnect();
        await().atMost(Duration.ofSeconds(15)).until(broker::ready);
        assertThat(resubscriptions.get()).isEqualTo(1);

        broker.publish(List.of(bob), Publication.ofUser("after the outage")).await().atMost(Duration.ofSeconds(5));
        assertThat(next().publication().frame()).isEqualTo("after the outage");
    }

    @Test
    void shouldRememberASubscriptionMadeWhileRedisWasAway() throws Exception {
        UUID bob = UUID.randomUUID();
        proxy.disconnect();
        await().atMost(Duration.ofSeconds(10)).until(() -> !broker.ready());
        subscribe(bob);
        proxy.reconnect();
        await().atMost(Duration.ofSeconds(15)).until(broker::ready);

        broker.publish(List.of(bob), Publication.ofUser("hello")).await().atMost(Duration.ofSeconds(5));
        assertThat(next().publication().frame()).isEqualTo("hello");
    }
}
