package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.fanout.Channels;
import dev.chatsuite.messaging.fanout.Delivery;
import dev.chatsuite.messaging.fanout.FanoutContext;
import dev.chatsuite.messaging.fanout.Publication;
import dev.chatsuite.messaging.fanout.ShardedRedisBroker;
import dev.chatsuite.testsupport.LocalRedisCluster;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Two messaging instances on a local 3-primary Redis Cluster (REDIS_CLIENT_TYPE=cluster): this
 * application (instance A: real sockets, storage, presence) and a second instance's fan-out
 * (instance B: its own {@link ShardedRedisBroker} with its own subscriber connections), as two
 * Quarkus applications cannot run in one test JVM. Then one primary is killed mid-run.
 */
@QuarkusTest
@TestProfile(RedisClusterTest.OnCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTest {

    /** Started once, when the profile is first read; stopped at JVM exit (one of its primaries dies in the last test). */
    static final class Holder {
        static final LocalRedisCluster CLUSTER = LocalRedisCluster.start();
    }

    public static class OnCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", Holder.CLUSTER.seeds(), "quarkus.redis.client-type", "cluster");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Inject
    Broker broker;

    private Vertx vertx;
    private ShardedRedisBroker instanceB;
    private final BlockingQueue<Map.Entry<UUID, Publication>> receivedByB = new LinkedBlockingQueue<>();
    private final AtomicInteger resubscriptionsOfB = new AtomicInteger();

    @BeforeEach
    void startInstanceB() {
        vertx = Vertx.vertx();
        instanceB = new ShardedRedisBroker(vertx, new FanoutContext(vertx), List.of(Holder.CLUSTER.seeds().split(",")));
        instanceB.deliverTo(new Delivery() {
            @Override
            public void deliver(UUID recipient, Publication publication) {
                receivedByB.add(Map.entry(recipient, publication));
            }

            @Override
            public void resubscribed() {
                resubscriptionsOfB.incrementAndGet();
            }
        });
        instanceB.start();
        await().atMost(Duration.ofSeconds(15)).until(instanceB::ready);
    }

    @AfterEach
    void stopInstanceB() {
        instanceB.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    @Order(1)
    void shouldRunOnTheClusterWithShardedPubSub() {
        assertThat(ClientProxy.unwrap(broker)).isInstanceOf(ShardedRedisBroker.class);
        assertThat(broker.ready()).isTrue();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    @Order(2)
    void shouldDeliverAcrossInstancesBothWays() throws Exception {
        User carol = User.create();
        User bob = User.create();
        User dave = User.create();
        String conversation = Chat.group(carol, "cluster", bob, dave);
        subscribeOnB(dave);
        followOnB(conversation);
        try (TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            b.next("ready");
            long seq = Chat.posted(carol, conversation, "over the shards").getLong("seq");

            JsonObject created = b.next("message.created").getJsonObject("message");
            assertThat(created.getString("body")).isEqualTo("over the shards");
            Map.Entry<UUID, Publication> onB = nextOnB(dave.id(), p -> p.kind() == Publication.Kind.CREATED);
            assertThat(onB.getValue().conversationId()).hasToString(conversation);
            assertThat(onB.getValue().seq()).isEqualTo(seq);
            assertThat(onB.getValue().frame()).contains("over the shards");

            String fromB = new JsonObject().put("type", "presence").put("userId", dave.id().toString()).put("online", true).encode();
            instanceB.publish(List.of(bob.id()), Publication.ofUser(fromB)).await().atMost(Duration.ofSeconds(5));
            JsonObject got = b.next(f -> "presence".equals(f.getString("type")) && dave.id().toString().equals(f.getString("userId")), 5000);
            assertThat(got).as("B's publication reaches A's socket").isNotNull();
            assertThat(got.getBoolean("online")).isTrue();
        }
    }

    @Test
    @Order(3)
    void shouldShowPresenceAcrossInstances() throws Exception {
        User bob = User.create();
        User dave = User.create();
        Chat.directId(bob, dave);
        subscribeOnB(dave);
        // Instance B counts a socket of dave, the way Presence writes it (its own field in dave's hash).
        assertThat(Holder.CLUSTER.clusterCli("HSET", "presence:" + dave.id(), "instance-b", "1").trim()).isEqualTo("1");
        Holder.CLUSTER.clusterCli("EXPIRE", "presence:" + dave.id(), "60");

        try (TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            b.next("ready");
            JsonObject daveOnline = b.next(f -> "presence".equals(f.getString("type")) && dave.id().toString().equals(f.getString("userId")), 5000);
            assertThat(daveOnline).as("A greets bob with dave online on B").isNotNull();
            assertThat(daveOnline.getBoolean("online")).isTrue();

            Map.Entry<UUID, Publication> bobOnline = nextOnB(p -> p.kind() == Publication.Kind.USER && p.frame().contains(bob.id().toString()));
            assertThat(bobOnline.getKey()).isEqualTo(dave.id());
            assertThat(new JsonObject(bobOnline.getValue().frame()).getBoolean("online")).isTrue();
            assertThat(Holder.CLUSTER.clusterCli("HLEN", "presence:" + bob.id()).trim()).as("A's count of bob on the cluster").isEqualTo("1");
        }
        Map.Entry<UUID, Publication> bobOffline = nextOnB(p -> p.kind() == Publication.Kind.USER && p.frame().contains(bob.id().toString()));
        assertThat(new JsonObject(bobOffline.getValue().frame()).getBoolean("online")).isFalse();
    }

    @Test
    @Order(4)
    void shouldResubscribeToThePromotedReplicaAndLetASocketCatchUpOnEveryAcknowledgedMessageOnce() throws Exception {
        User carol = User.create();
        User bob = User.create();
        User dave = User.create();
        String conversation = Chat.group(carol, "failover", bob, dave);
        subscribeOnB(dave);
        followOnB(conversation);
        // The shard of the conversation's channel, which carries every message.created of it.
        String channel = Channels.conversation(UUID.fromString(conversation));
        int victim = Holder.CLUSTER.primaryOf(channel);
        List<Long> acknowledged = new ArrayList<>();
        try (TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            b.next("ready");
            acknowledged.add(Chat.posted(carol, conversation, "before").getLong("seq"));

            CompletableFuture<Integer> promoted = CompletableFuture.supplyAsync(() -> Holder.CLUSTER.killPrimary(victim));
            int n = 0;
            while (!promoted.isDone()) {
                post(carol, conversation, "during " + n++, acknowledged);
                Thread.sleep(150);
            }
            int newPrimary = promoted.get(1, TimeUnit.SECONDS);
            assertThat(newPrimary).isNotEqualTo(victim);
            assertThat(n).as("posts while the primary was down").isPositive();

            // Both instances resubscribe by themselves to the conversation, on the shard that owns it now.
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.ready() && instanceB.ready() && resubscriptionsOfB.get() >= 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> Holder.CLUSTER.cli(Holder.CLUSTER.primaryOf(channel), "PUBSUB", "SHARDNUMSUB", channel)
                    .lines().toList().equals(List.of(channel, "2")));
            for (int i = 0; i < 3; i++) {
                post(carol, conversation, "after " + i, acknowledged);
            }

            List<Long> received = new ArrayList<>();
            while (received.size() < acknowledged.size()) {
                JsonObject frame = b.next(f -> "message.created".equals(f.getString("type")), 15_000);
                assertThat(frame).as("message.created %d of %d (received %s)", received.size() + 1, acknowledged.size(), received).isNotNull();
                received.add(frame.getJsonObject("message").getLong("seq"));
            }
            assertThat(b.silentFor("message.created", 1000)).as("nothing twice").isTrue();
            assertThat(received).as("every acknowledged message, once, in order").containsExactlyElementsOf(acknowledged);

            Map.Entry<UUID, Publication> onB;
            do {
                onB = nextOnB(dave.id(), p -> p.kind() == Publication.Kind.CREATED);
            } while (onB.getValue().seq() < acknowledged.get(acknowledged.size() - 1));
            assertThat(onB.getValue().seq()).as("B receives live again after the failover").isEqualTo(acknowledged.get(acknowledged.size() - 1));
        }
    }

    /** Posts one message; an acknowledged one (201) is remembered by its seq. */
    private static void post(User sender, String conversation, String body, List<Long> acknowledged) {
        Response response = Chat.post(sender, conversation, body);
        if (response.statusCode() == 201) {
            acknowledged.add(response.jsonPath().getLong("seq"));
        }
    }

    private void subscribeOnB(User user) {
        instanceB.subscribe(user.id()).await().atMost(Duration.ofSeconds(10));
    }

    private void followOnB(String conversation) {
        instanceB.follow(UUID.fromString(conversation)).await().atMost(Duration.ofSeconds(10));
    }

    private Map.Entry<UUID, Publication> nextOnB(java.util.function.Predicate<Publication> wanted) throws InterruptedException {
        return nextOnB(null, wanted);
    }

    /** The next publication B hands on (to {@code recipient}, unless null) that is {@code wanted}. */
    private Map.Entry<UUID, Publication> nextOnB(UUID recipient, java.util.function.Predicate<Publication> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Map.Entry<UUID, Publication> next = receivedByB.poll(200, TimeUnit.MILLISECONDS);
            if (next != null && (recipient == null || recipient.equals(next.getKey())) && wanted.test(next.getValue())) {
                return next;
            }
        }
        throw new AssertionError("Instance B received no matching publication within 10 s");
    }
}
