package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.caller.Caller;
import dev.chatsuite.messaging.message.MessageRepository.Posted;
import dev.chatsuite.messaging.message.MessageService.Outcome;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Posts of one conversation that arrive together are stored together: one statement for those
 * that waited, seqs consecutive and in arrival order, each caller answered with its own message,
 * and a repeated clientMessageId or an outsider inside a batch answered as when posted alone.
 */
@QuarkusTest
class PostLanesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MessageService service;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    MessageRepository repository;

    @Test
    void shouldStoreConcurrentPostsWithConsecutiveSeqsInFewerStatements() {
        List<User> members = members(10);
        String conversation = Chat.group(members.get(0), "lanes", members.subList(1, 10).toArray(User[]::new));
        DistributionSummary before = registry.find("chat.posts.batch.size").summary();
        long statementsBefore = before == null ? 0 : before.count();
        double postsBefore = before == null ? 0 : before.totalAmount();
        long waitsBefore = count("chat.posts.lane.wait");
        long storesBefore = count("chat.posts.store");

        List<Uni<Outcome>> posts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            posts.add(post(members.get(i % 10), conversation, "together " + i, "lane-" + i));
        }
        List<Outcome> outcomes = Uni.join().all(posts).andFailFast().await().atMost(WAIT);

        // Every caller got its own message, and storage holds exactly those, with seqs 1..200 and no gap.
        Map<String, Long> stored = seqsByClientId(conversation);
        assertThat(stored).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(outcomes.get(i).created()).isTrue();
            assertThat(outcomes.get(i).message().seq()).isEqualTo(stored.get("lane-" + i));
            assertThat(outcomes.get(i).message().body()).isEqualTo("together " + i);
        }
        assertThat(stored.values()).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(lastSeq(conversation)).isEqualTo(200);
        // Each sender has read up to their own newest message.
        for (User member : members) {
            long newest = outcomes.stream().filter(o -> o.message().senderId().equals(member.id().toString())).mapToLong(o -> o.message().seq()).max().orElseThrow();
            assertThat(lastReadSeq(conversation, member.id())).isEqualTo(newest);
        }
        // The posts that waited went together: fewer statements than posts.
        DistributionSummary batches = registry.find("chat.posts.batch.size").summary();
        assertThat(batches.totalAmount() - postsBefore).isEqualTo(200);
        assertThat(batches.count() - statementsBefore).isLessThan(200);
        // Every post's wait is timed once, every statement once.
        assertThat(count("chat.posts.lane.wait") - waitsBefore).isEqualTo(200);
        assertThat(count("chat.posts.store") - storesBefore).isEqualTo(batches.count() - statementsBefore);
        assertThat(registry.find("chat.posts.store").timer().max(TimeUnit.NANOSECONDS)).isPositive();
    }

    private long count(String timer) {
        Timer found = registry.find(timer).timer();
        return found == null ? 0 : found.count();
    }

    @Test
    void shouldAnswerARepeatedClientMessageIdInsideABatchWithTheFirstMessage() {
        List<User> members = members(4);
        String conversation = Chat.group(members.get(0), "lanes-retry", members.subList(1, 4).toArray(User[]::new));
        List<Uni<Outcome>> posts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            posts.add(post(members.get(i % 4), conversation, "retry " + i, "r-" + i));
        }
        // The same send again (a client's retry) while the first is still waiting.
        posts.add(post(members.get(5 % 4), conversation, "retry 5", "r-5"));
        List<Outcome> outcomes = Uni.join().all(posts).andFailFast().await().atMost(WAIT);

        Outcome first = outcomes.get(5);
        Outcome again = outcomes.get(30);
        assertThat(again.message().id()).isEqualTo(first.message().id());
        assertThat(List.of(first.created(), again.created())).containsExactlyInAnyOrder(true, false);
        Map<String, Long> stored = seqsByClientId(conversation);
        assertThat(stored).hasSize(30);
        assertThat(stored.values()).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
    }

    @Test
    void shouldRefuseAnOutsiderInsideABatchAndStoreTheOthers() {
        List<User> members = members(3);
        User outsider = User.create();
        String conversation = Chat.group(members.get(0), "lanes-outsider", members.get(1), members.get(2));
        List<Uni<Outcome>> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            posts.add(post(members.get(i % 3), conversation, "inside " + i, "o-" + i));
        }
        List<Uni<String>> answers = new ArrayList<>();
        posts.forEach(p -> answers.add(p.map(o -> "stored " + o.message().seq())));
        answers.add(10, post(outsider, conversation, "let me in", "o-x").map(o -> "stored")
                .onFailure(ProblemException.class).recoverWithItem(e -> "refused " + ((ProblemException) e).status()));
        List<String> results = Uni.join().all(answers).andFailFast().await().atMost(WAIT);

        assertThat(results.get(10)).isEqualTo("refused 404");
        Map<String, Long> stored = seqsByClientId(conversation);
        assertThat(stored).hasSize(20).doesNotContainKey("o-x");
        assertThat(stored.values()).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void shouldRefuseWithRetryAfterWhenTooManyPostsWait() {
        // Two may wait behind the one in flight; the rest are refused at once, and nothing refused is stored.
        PostLanes lanes = new PostLanes(repository, registry, 2, 1);
        List<User> members = members(2);
        UUID conversation = UUID.fromString(Chat.group(members.get(0), "lanes-full", members.get(1)));
        List<Uni<String>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            MessageRepository.Draft draft = new MessageRepository.Draft(UUID.randomUUID(), members.get(i % 2).id(), "full " + i, "f-" + i,
                    MessageService.now());
            answers.add(lanes.post(conversation, draft).map(stored -> "stored " + stored.orElseThrow().message().seq())
                    .onFailure(ProblemException.class).recoverWithItem(e -> "refused " + ((ProblemException) e).status()));
        }
        List<String> results = Uni.join().all(answers).andFailFast().await().atMost(WAIT);

        long refused = results.stream().filter(r -> r.equals("refused 503")).count();
        long stored = results.stream().filter(r -> r.startsWith("stored ")).count();
        assertThat(refused).isGreaterThan(0);
        assertThat(refused + stored).isEqualTo(10);
        assertThat(seqsByClientId(conversation.toString())).hasSize((int) stored)
                .containsValues(LongStream.rangeClosed(1, stored).boxed().toArray(Long[]::new));
    }

    @Test
    void shouldStoreConversationsThatWaitForTheSlotInOneStatementEachWithItsOwnSeqsAndRecipients() {
        // One slot: what arrives while the first statement runs shares the next one.
        PostLanes lanes = new PostLanes(repository, registry, PostLanes.MAX_WAITING, 1);
        int conversations = 12;
        int perConversation = 5;
        List<List<User>> members = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            List<User> group = members(3);
            members.add(group);
            ids.add(UUID.fromString(Chat.group(group.get(0), "slots-" + c, group.get(1), group.get(2))));
        }
        User outsider = User.create();
        DistributionSummary shared = registry.find("chat.posts.statement.conversations").summary();
        double statementsBefore = shared.count();
        double conversationsBefore = shared.totalAmount();

        List<Uni<Optional<Posted>>> posts = new ArrayList<>();
        for (int i = 0; i < perConversation; i++) {
            for (int c = 0; c < conversations; c++) {
                User sender = members.get(c).get(i % 3);
                posts.add(lanes.post(ids.get(c), new MessageRepository.Draft(UUID.randomUUID(), sender.id(), "slot " + c + " " + i, "s-" + c + "-" + i,
                        MessageService.now())));
            }
        }
        // An outsider's post inside the shared statement is left out; the others are stored.
        posts.add(lanes.post(ids.get(3), new MessageRepository.Draft(UUID.randomUUID(), outsider.id(), "not a member", "s-x", MessageService.now())));
        List<Optional<Posted>> answers = Uni.join().all(posts).andFailFast().await().atMost(WAIT);

        assertThat(answers.get(answers.size() - 1)).isEmpty();
        for (int c = 0; c < conversations; c++) {
            Map<String, Long> stored = seqsByClientId(ids.get(c).toString());
            assertThat(stored).hasSize(perConversation).doesNotContainKey("s-x");
            assertThat(lastSeq(ids.get(c).toString())).isEqualTo(perConversation);
            List<UUID> group = members.get(c).stream().map(User::id).toList();
            for (int i = 0; i < perConversation; i++) {
                // Arrival order within the conversation is seq order, and each answer is its own stored row.
                assertThat(stored.get("s-" + c + "-" + i)).isEqualTo(i + 1L);
                Posted posted = answers.get(i * conversations + c).orElseThrow();
                assertThat(posted.message().conversationId()).isEqualTo(ids.get(c));
                assertThat(posted.message().seq()).isEqualTo(i + 1L);
                assertThat(posted.message().body()).isEqualTo("slot " + c + " " + i);
                // The recipients are this conversation's members, never another's.
                assertThat(posted.participants()).containsExactlyInAnyOrderElementsOf(group);
            }
            // Each sender has read up to their own newest message (senders 0, 1, 2 posted i = 3, 4, 2 last).
            assertThat(lastReadSeq(ids.get(c).toString(), members.get(c).get(0).id())).isEqualTo(4);
            assertThat(lastReadSeq(ids.get(c).toString(), members.get(c).get(1).id())).isEqualTo(5);
            assertThat(lastReadSeq(ids.get(c).toString(), members.get(c).get(2).id())).isEqualTo(3);
        }
        // Fewer statements than conversation batches: at least one carried several conversations.
        DistributionSummary after = registry.find("chat.posts.statement.conversations").summary();
        long statements = after.count() - (long) statementsBefore;
        double batches = after.totalAmount() - conversationsBefore;
        assertThat(batches).isGreaterThanOrEqualTo(conversations);
        assertThat((double) statements).isLessThan(batches);
    }

    @Test
    void shouldStoreEachConversationAloneWhenARepeatedClientMessageIdFailsTheSharedStatement() {
        PostLanes lanes = new PostLanes(repository, registry, PostLanes.MAX_WAITING, 1);
        List<User> a = members(2);
        List<User> b = members(2);
        UUID first = UUID.fromString(Chat.group(a.get(0), "slots-retry-a", a.get(1)));
        UUID second = UUID.fromString(Chat.group(b.get(0), "slots-retry-b", b.get(1)));
        Posted earlier = lanes.post(first, new MessageRepository.Draft(UUID.randomUUID(), a.get(0).id(), "earlier", "dup", MessageService.now()))
                .await().atMost(WAIT).orElseThrow();

        // A blocker holds the slot; then both conversations' batches share the next statement, one of them repeating "dup".
        List<Uni<Optional<Posted>>> posts = new ArrayList<>();
        posts.add(lanes.post(second, new MessageRepository.Draft(UUID.randomUUID(), b.get(0).id(), "blocker", "b-0", MessageService.now())));
        posts.add(lanes.post(first, new MessageRepository.Draft(UUID.randomUUID(), a.get(0).id(), "again", "dup", MessageService.now())));
        posts.add(lanes.post(first, new MessageRepository.Draft(UUID.randomUUID(), a.get(1).id(), "new in a", "a-1", MessageService.now())));
        posts.add(lanes.post(second, new MessageRepository.Draft(UUID.randomUUID(), b.get(1).id(), "new in b", "b-1", MessageService.now())));
        List<String> answers = Uni.join().all(posts.stream().map(p -> p.map(stored -> "seq " + stored.orElseThrow().message().seq())
                .onFailure(PgException.class).recoverWithItem(e -> "failed " + ((PgException) e).getSqlState())).toList())
                .andFailFast().await().atMost(WAIT);

        // The repeat fails on its unique key, as when posted alone (MessageService then answers the earlier message);
        // the others of the shared statement are stored as if it had never been tried.
        assertThat(answers).containsExactly("seq 1", "failed 23505", "seq 2", "seq 2");
        assertThat(seqsByClientId(first.toString())).containsOnly(Map.entry("dup", earlier.message().seq()), Map.entry("a-1", 2L));
        assertThat(seqsByClientId(second.toString())).containsOnly(Map.entry("b-0", 1L), Map.entry("b-1", 2L));
        assertThat(lastSeq(first.toString())).isEqualTo(2);
        assertThat(lastSeq(second.toString())).isEqualTo(2);
    }

    private Uni<Outcome> post(User sender, String conversation, String body, String clientId) {
        return service.post(new Caller(sender.id(), sender.tenant(), sender.token()), UUID.fromString(conversation),
                new PostMessageRequest(body, null, clientId, null));
    }

    private static List<User> members(int n) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(User.create());
        }
        return users;
    }

    private Map<String, Long> seqsByClientId(String conversation) {
        Map<String, Long> seqs = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT client_message_id, seq FROM message WHERE conversation_id = $1")
                .execute(Tuple.of(UUID.fromString(conversation))).await().atMost(WAIT)) {
            seqs.put(row.getString("client_message_id"), row.getLong("seq"));
        }
        return seqs;
    }

    private long lastSeq(String conversation) {
        return pool.preparedQuery("SELECT last_seq FROM conversation WHERE id = $1").execute(Tuple.of(UUID.fromString(conversation)))
                .await().atMost(WAIT).iterator().next().getLong(0);
    }

    private long lastReadSeq(String conversation, UUID user) {
        return pool.preparedQuery("SELECT last_read_seq FROM participant WHERE conversation_id = $1 AND user_id = $2")
                .execute(Tuple.of(UUID.fromString(conversation), user)).await().atMost(WAIT).iterator().next().getLong(0);
    }
}
