package dev.chatsuite.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.LocalRedisCluster;
import io.vertx.core.Vertx;

/** The contract against a local 3-primary Redis Cluster, with sharded pub/sub. */
class ShardedRedisBrokerContractTest extends BrokerContract {

    private LocalRedisCluster cluster;

    @Override
    protected Broker create(Vertx vertx, FanoutContext context) {
        cluster = LocalRedisCluster.shared();
        ShardedRedisBroker sharded = new ShardedRedisBroker(vertx, context, List.of(cluster.seeds().split(",")));
        sharded.start();
        return sharded;
    }

    @Override
    protected void stop(Broker broker) {
        ((ShardedRedisBroker) broker).stop();
    }

    @Test
    void shouldSubscribeEachUserOnThePrimaryThatOwnsTheirChannelAndDeliverFromEveryShard() throws Exception {
        List<UUID> users = new ArrayList<>();
        Set<Integer> primaries = new HashSet<>();
        while (primaries.size() < 3 || users.size() < 6) {
            UUID user = UUID.randomUUID();
            users.add(user);
            primaries.add(cluster.primaryOf(Channels.user(user)));
            subscribe(user);
        }
        for (UUID user : users) {
            String channel = Channels.user(user);
            assertThat(cluster.cli(cluster.primaryOf(channel), "PUBSUB", "SHARDNUMSUB", channel).lines().toList())
                    .as("SSUBSCRIBEd on the owner of %s", channel).containsExactly(channel, "1");
        }
        broker.publish(users, Publication.ofUser("to every shard")).await().atMost(Duration.ofSeconds(5));
        Set<UUID> reached = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            Received got = next();
            assertThat(got).isNotNull();
            assertThat(got.publication().frame()).isEqualTo("to every shard");
            reached.add(got.recipient());
        }
        assertThat(reached).containsExactlyInAnyOrderElementsOf(users);
        assertThat(nothingWithin(200)).isTrue();
    }

    @Test
    void shouldResubscribeWhenRedisDropsAChannelAndSaySo() throws Exception {
        UUID bob = UUID.randomUUID();
        subscribe(bob);
        String channel = Channels.user(bob);
        // Every shard-channel client on the owner is dropped, as when its slot moves away.
        cluster.cli(cluster.primaryOf(channel), "CLIENT", "KILL", "TYPE", "pubsub");
        await().atMost(Duration.ofSeconds(15)).until(() -> resubscriptions.get() == 1 && broker.ready());

        broker.publish(List.of(bob), Publication.ofUser("after resubscribing")).await().atMost(Duration.ofSeconds(5));
        assertThat(next().publication().frame()).isEqualTo("after resubscribing");
    }
}
