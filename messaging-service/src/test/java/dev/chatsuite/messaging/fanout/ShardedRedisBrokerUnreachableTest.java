package dev.chatsuite.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/** No cluster node answers: publishing fails in bounded time (a post waits for it), and the broker is not ready. */
class ShardedRedisBrokerUnreachableTest {

    @Test
    void shouldFailAPublishSoonAndStayNotReadyWhileNoNodeAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = socket.getLocalPort();
        }
        Vertx vertx = Vertx.vertx();
        ShardedRedisBroker broker = new ShardedRedisBroker(vertx, new FanoutContext(vertx), List.of("redis://127.0.0.1:" + closedPort));
        try {
            broker.start();
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> broker.publish(List.of(UUID.randomUUID()), Publication.ofUser("{}")).await().atMost(Duration.ofSeconds(10)))
                        .isNotInstanceOf(io.smallrye.mutiny.TimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
            broker.subscribe(UUID.randomUUID()).await().atMost(Duration.ofSeconds(5));
            assertThat(broker.ready()).isFalse();
        } finally {
            broker.stop();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
