package dev.chatsuite.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.TcpProxy;
import io.vertx.core.Context;
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
    void shouldPublishABurstInOrderOnTheEventLoopsOwnConnectionAndAgainOnceItWasLost() throws Exception {
        UUID bob = UUID.randomUUID();
        subscribe(bob);
        Context loop = vertx.getOrCreateContext();
        burst(loop, bob, "first", 1);
        assertThat(next().publication().frame()).isEqualTo("first 0");
        await().atMost(Duration.ofSeconds(5)).until(() -> ((RedisBroker) broker).publishingConnections() == 1);

        burst(loop, bob, "burst", 50);
        for (int i = 0; i < 50; i++) {
            assertThat(next().publication().frame()).isEqualTo("burst " + i);
        }

        proxy.disconnect();
        await().atMost(Duration.ofSeconds(10)).until(() -> !broker.ready() && ((RedisBroker) broker).publishingConnections() == 0);
        proxy.reconnect();
        await().atMost(Duration.ofSeconds(15)).until(broker::ready);
        // Until the loop has its connection again they go through the pool, which keeps no order between connections.
        burst(loop, bob, "after", 3);
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            after.add(next().publication().frame());
        }
        assertThat(after).containsExactlyInAnyOrder("after 0", "after 1", "after 2");
        // The lost connection is replaced on a later publication, at most once a second.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            burst(loop, bob, "again", 1);
            assertThat(next().publication().frame()).isEqualTo("again 0");
            return ((RedisBroker) broker).publishingConnections() == 1;
        });
    }

    /** Publishes {@code count} frames to {@code user} from {@code loop}, one call each, without waiting between them. */
    private void burst(Context loop, UUID user, String prefix, int count) throws Exception {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        loop.runOnContext(v -> {
            List<CompletableFuture<Void>> each = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                each.add(broker.publish(List.of(user), Publication.ofUser(prefix + " " + i)).subscribeAsCompletionStage());
            }
            CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).whenComplete((ok, e) -> {
                if (e == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(e);
                }
            });
        });
        sent.get(10, TimeUnit.SECONDS);
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
