package dev.chatsuite.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.GatewayTestSupport.Browser;
import dev.chatsuite.gateway.backend.AuthCalls;
import dev.chatsuite.gateway.caller.Tokens;
import dev.chatsuite.testsupport.RedisTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * Two gateway replicas (two refreshers with their own memory, one Redis) refreshing the same
 * refresh cookie at once make one call to auth, which revokes a family on reuse, and both get
 * the rotated tokens.
 */
@QuarkusTest
class RefreshAcrossReplicasTest {

    @Inject
    AuthCalls auth;

    @Inject
    Vertx vertx;

    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void shouldRefreshOnceAcrossTwoReplicasAndHandBothTheRotatedTokens() throws Exception {
        String refresh = Browser.signIn("replicas-" + UUID.randomUUID()).cookies().get("chat_refresh");
        TokenRefresher first = replica();
        TokenRefresher second = replica();
        int calls = GatewayTestSupport.refreshes();
        int reuses = GatewayTestSupport.refreshReuses();

        CompletableFuture<Tokens> a = first.refresh(refresh).subscribeAsCompletionStage();
        CompletableFuture<Tokens> b = second.refresh(refresh).subscribeAsCompletionStage();
        Tokens fromFirst = a.get(15, TimeUnit.SECONDS);
        Tokens fromSecond = b.get(15, TimeUnit.SECONDS);

        assertThat(GatewayTestSupport.refreshes() - calls).as("calls to auth's refresh").isEqualTo(1);
        assertThat(GatewayTestSupport.refreshReuses()).as("refresh tokens presented twice").isEqualTo(reuses);
        assertThat(fromSecond).isEqualTo(fromFirst);
        assertThat(fromFirst.refreshToken()).isNotEqualTo(refresh);

        // A third replica, a moment later, with the old cookie: the same result, no call.
        Tokens late = replica().refresh(refresh).subscribeAsCompletionStage().get(15, TimeUnit.SECONDS);
        assertThat(late).isEqualTo(fromFirst);
        assertThat(GatewayTestSupport.refreshes() - calls).isEqualTo(1);
    }

    @Test
    void shouldStoreNeitherTheRefreshTokenNorTheNewTokensReadablyInRedis() throws Exception {
        String refresh = Browser.signIn("stored-" + UUID.randomUUID()).cookies().get("chat_refresh");
        Tokens tokens = replica().refresh(refresh).subscribeAsCompletionStage().get(15, TimeUnit.SECONDS);

        var keys = redis.key().keys("*").await().indefinitely();
        for (String key : keys) {
            assertThat(key).doesNotContain(refresh);
            String type = redis.key().type(key).await().indefinitely().name();
            if (type.equalsIgnoreCase("string")) {
                String value = String.valueOf(redis.value(String.class).get(key).await().indefinitely());
                assertThat(value).doesNotContain(refresh).doesNotContain(tokens.refreshToken()).doesNotContain(tokens.accessToken());
            }
        }
    }

    @Test
    void shouldStillRefreshPerProcessWhileRedisIsDown() throws Exception {
        String refresh = Browser.signIn("no-redis-" + UUID.randomUUID()).cookies().get("chat_refresh");
        RedisTestResource.proxy().disconnect();
        try {
            Tokens tokens = replica().refresh(refresh).subscribeAsCompletionStage().get(15, TimeUnit.SECONDS);
            assertThat(tokens.accessToken()).isNotBlank();
        } finally {
            RedisTestResource.proxy().reconnect();
        }
    }

    private TokenRefresher replica() {
        return new TokenRefresher(auth, vertx, redis);
    }
}
