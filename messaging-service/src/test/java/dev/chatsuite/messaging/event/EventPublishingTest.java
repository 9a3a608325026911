package dev.chatsuite.messaging.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class EventPublishingTest {

    @Inject
    RedisDataSource redis;

    @Test
    void shouldPublishACreatedMessageOnEveryParticipantsChannelAfterCommit() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(List.of(RedisEventPublisher.channel(bob.id())), received::add);
        try {
            Thread.sleep(200);
            String id = Chat.posted(alice, conversation, "ping").getString("id");

            JsonObject event = new JsonObject(received.poll(5, TimeUnit.SECONDS));
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
                .subscribe(List.of(RedisEventPublisher.channel(alice.id())), received::add);
        try {
            Thread.sleep(200);
            bob.request().body(java.util.Map.of("seq", 1)).post("/api/conversations/" + conversation + "/read").then().statusCode(204);
            alice.request().delete("/api/messages/" + id).then().statusCode(204);

            JsonObject read = new JsonObject(received.poll(5, TimeUnit.SECONDS));
            assertThat(read.getString("type")).isEqualTo("read");
            assertThat(read.getString("userId")).isEqualTo(bob.id().toString());
            assertThat(read.getLong("seq")).isEqualTo(1);
            JsonObject deleted = new JsonObject(received.poll(5, TimeUnit.SECONDS));
            assertThat(deleted.getString("type")).isEqualTo("message.deleted");
            assertThat(deleted.getString("messageId")).isEqualTo(id);
        } finally {
            subscriber.unsubscribe();
        }
    }
}
