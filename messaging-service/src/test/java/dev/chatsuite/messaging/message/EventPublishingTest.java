package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.fanout.Channels;
import dev.chatsuite.messaging.fanout.Envelope;
import dev.chatsuite.messaging.fanout.Publication;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class EventPublishingTest {

    @Inject
    RedisDataSource redis;

    @Inject
    Broker broker;

    @Test
    void shouldPublishACreatedMessageOnceOnTheConversationsChannelForEveryParticipantAfterCommit() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(List.of(Channels.conversation(UUID.fromString(conversation))), received::add);
        try {
            Thread.sleep(200);
            String id = Chat.posted(alice, conversation, "ping").getString("id");

            Envelope envelope = Envelope.decode(received.poll(5, TimeUnit.SECONDS));
            assertThat(envelope.recipients()).containsExactlyInAnyOrder(alice.id(), bob.id());
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("one PUBLISH for the conversation").isNull();
            Publication publication = envelope.publication();
            assertThat(publication.kind()).isEqualTo(Publication.Kind.CREATED);
            assertThat(publication.conversationId()).hasToString(conversation);
            assertThat(publication.seq()).isEqualTo(1);
            JsonObject event = new JsonObject(publication.frame());
            assertThat(event.getString("type")).isEqualTo("message.created");
            assertThat(event.getJsonObject("message").getString("id")).isEqualTo(id);
            assertThat(event.getJsonObject("message").getLong("seq")).isEqualTo(1);
        } finally {
            subscriber.unsubscribe();
        }
    }

    @Test
    void shouldPublishReadMarkersAndDeletions() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String id = Chat.posted(alice, conversation, "soon gone").getString("id");
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(List.of(Channels.conversation(UUID.fromString(conversation))), received::add);
        try {
            Thread.sleep(200);
            bob.request().body(java.util.Map.of("seq", 1)).post("/api/conversations/" + conversation + "/read").then().statusCode(204);
            alice.request().delete("/api/messages/" + id).then().statusCode(204);

            Envelope readEnvelope = Envelope.decode(received.poll(5, TimeUnit.SECONDS));
            assertThat(readEnvelope.recipients()).as("every participant, the reader's other tabs too").containsExactlyInAnyOrder(alice.id(), bob.id());
            JsonObject read = new JsonObject(readEnvelope.publication().frame());
            assertThat(read.getString("type")).isEqualTo("read");
            assertThat(read.getString("userId")).isEqualTo(bob.id().toString());
            assertThat(read.getLong("seq")).isEqualTo(1);
            Publication deletion = Envelope.decode(received.poll(5, TimeUnit.SECONDS)).publication();
            assertThat(deletion.kind()).isEqualTo(Publication.Kind.CHANGED);
            assertThat(deletion.seq()).isEqualTo(1);
            JsonObject deleted = new JsonObject(deletion.frame());
            assertThat(deleted.getString("type")).isEqualTo("message.deleted");
            assertThat(deleted.getString("messageId")).isEqualTo(id);
        } finally {
            subscriber.unsubscribe();
        }
    }

    @Test
    void shouldDeliverEveryEventOfABurstToEveryRecipient() throws Exception {
        List<UUID> recipients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            recipients.add(UUID.randomUUID());
        }
        AtomicInteger received = new AtomicInteger();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(recipients.stream().map(Channels::user).toList(), payload -> received.incrementAndGet());
        try {
            Thread.sleep(200);
            // 200 events to 10 users at once: 2,000 PUBLISH commands in flight, far more than
            // the Redis pool's wait queue, which used to drop events (ConnectionPoolTooBusyException).
            List<Uni<Void>> burst = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                burst.add(broker.publish(recipients, Publication.ofUser("{\"type\":\"typing\",\"n\":" + i + "}")));
            }
            Uni.join().all(burst).andFailFast().await().atMost(java.time.Duration.ofSeconds(20));

            long deadline = System.currentTimeMillis() + 10_000;
            while (received.get() < 2000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(received.get()).isEqualTo(2000);
        } finally {
            subscriber.unsubscribe();
        }
    }
}
