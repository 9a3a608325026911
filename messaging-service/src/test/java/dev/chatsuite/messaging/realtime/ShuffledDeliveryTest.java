package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.json.JsonObject;

/**
 * Order is made at the socket, whatever the broker does: with a broker that delivers every
 * publication late and shuffled (and loses some), every socket still receives each
 * conversation's message.created in strictly increasing seq with none missing.
 */
@QuarkusTest
@TestProfile(ShuffledDeliveryTest.Shuffled.class)
class ShuffledDeliveryTest {

    public static class Shuffled implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ShufflingBroker.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("messaging.realtime.max-pending", "1024");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldDeliverConcurrentPostsInStrictSeqOrderToEverySocket() throws Exception {
        User bob = User.create();
        User carol = User.create();
        List<User> senders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            senders.add(User.create());
        }
        String conversation = Chat.group(senders.get(0), "busy", concat(senders.subList(1, senders.size()), bob, carol));
        int perSender = 25;
        int total = senders.size() * perSender;
        try (TestSocket b1 = TestSocket.connect(root, "/ws", bob.token());
                TestSocket b2 = TestSocket.connect(root, "/ws", bob.token());
                TestSocket c1 = TestSocket.connect(root, "/ws", carol.token())) {
            b1.next("ready");
            b2.next("ready");
            c1.next("ready");
            ExecutorService pool = Executors.newFixedThreadPool(senders.size());
            try {
                List<Future<?>> posting = new ArrayList<>();
                for (User sender : senders) {
                    posting.add(pool.submit(() -> {
                        for (int i = 0; i < perSender; i++) {
                            Chat.posted(sender, conversation, sender.id() + " " + i);
                        }
                    }));
                }
                for (Future<?> f : posting) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
            assertThat(seqs(b1, conversation, total)).as("bob's first tab").containsExactlyElementsOf(expected);
            assertThat(seqs(b2, conversation, total)).as("bob's second tab").containsExactlyElementsOf(expected);
            assertThat(seqs(c1, conversation, total)).as("carol").containsExactlyElementsOf(expected);
        }
    }

    @Test
    void shouldFillAPublicationThatNeverArrivedOnceALaterOneDoes() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        try (TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            b.next("ready");
            Chat.posted(alice, conversation, "one");
            ShufflingBroker.lose(2);
            try {
                Chat.posted(alice, conversation, "two");
                Chat.posted(alice, conversation, "three");
                List<JsonObject> created = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    created.add(b.next(f -> "message.created".equals(f.getString("type")), 10_000).getJsonObject("message"));
                }
                assertThat(created).extracting(m -> m.getLong("seq")).containsExactly(1L, 2L, 3L);
                assertThat(created).extracting(m -> m.getString("body")).containsExactly("one", "two", "three");
            } finally {
                ShufflingBroker.LOST.clear();
            }
        }
    }

    @Test
    void shouldDeliverAConversationCreatedAfterTheSocketWasReadyFromItsFirstMessage() throws Exception {
        User alice = User.create();
        User bob = User.create();
        try (TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            b.next("ready");
            String conversation = Chat.group(alice, "later", bob);
            ShufflingBroker.lose(1);
            try {
                for (int i = 1; i <= 5; i++) {
                    Chat.posted(alice, conversation, "m" + i);
                }
                assertThat(seqs(b, conversation, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
            } finally {
                ShufflingBroker.LOST.clear();
            }
        }
    }

    private static List<Long> seqs(TestSocket socket, String conversation, int count) throws InterruptedException {
        List<Long> seqs = new ArrayList<>();
        while (seqs.size() < count) {
            JsonObject frame = socket.next(f -> "message.created".equals(f.getString("type"))
                    && conversation.equals(f.getJsonObject("message").getString("conversationId")), 20_000);
            seqs.add(frame.getJsonObject("message").getLong("seq"));
        }
        assertThat(socket.silentFor("message.created", 300)).as("nothing more than expected").isTrue();
        return seqs;
    }

    private static User[] concat(List<User> some, User... more) {
        List<User> all = new ArrayList<>(some);
        all.addAll(List.of(more));
        return all.toArray(User[]::new);
    }
}
