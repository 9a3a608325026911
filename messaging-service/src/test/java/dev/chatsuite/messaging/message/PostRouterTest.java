package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.messaging.fanout.FanoutContext;
import dev.chatsuite.messaging.fanout.InMemoryBroker;
import dev.chatsuite.messaging.message.MessageRepository.Draft;
import dev.chatsuite.messaging.message.MessageRepository.Posted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;

/**
 * Two instances on one broker: a post is stored and published by its conversation's owner and its sender's
 * instance gets the owner's answer (seq and recipients, nothing for an outsider, a repeated
 * clientMessageId as the unique violation it is); an owner that serves nothing is skipped, one
 * that stops announcing itself or does not answer gives 503.
 */
class PostRouterTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final List<UUID> recipients = List.of(UUID.randomUUID(), UUID.randomUUID());
    /** Which instance stored which draft. */
    private final Map<UUID, UUID> storedBy = new ConcurrentHashMap<>();
    /** Which instance published which message's message.created. */
    private final Map<UUID, UUID> publishedBy = new ConcurrentHashMap<>();
    private Vertx vertx;
    private InMemoryBroker broker;
    private PostOwners ownersA;
    private PostOwners ownersB;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        broker = new InMemoryBroker(new FanoutContext(vertx));
        ownersA = owners(a);
        ownersB = owners(b);
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private PostOwners owners(UUID self) {
        PostOwners owners = new PostOwners(self, "test", null, vertx, true);
        owners.live(List.of(a, b));
        return owners;
    }

    /** An instance whose lanes store every post with seq 41 + its body's length, or do what {@code lanes} says. */
    private PostRouter instance(PostOwners owners, BiFunction<UUID, Draft, Uni<Optional<Posted>>> lanes, Duration timeout) {
        return instance(owners, lanes, timeout, Uni.createFrom().voidItem());
    }

    /** As above, each publication confirmed as {@code confirmation} says. */
    private PostRouter instance(PostOwners owners, BiFunction<UUID, Draft, Uni<Optional<Posted>>> lanes, Duration timeout, Uni<Void> confirmation) {
        PostRouter router = new PostRouter(lanes, posted -> {
            publishedBy.put(posted.message().id(), owners.self());
            return confirmation;
        }, owners, broker, vertx, timeout, new SimpleMeterRegistry());
        router.serve().await().atMost(WAIT);
        return router;
    }

    private BiFunction<UUID, Draft, Uni<Optional<Posted>>> storing(UUID instance) {
        return (conversation, d) -> {
            storedBy.put(d.id(), instance);
            return Uni.createFrom().item(Optional.of(new Posted(new StoredMessage(d.id(), conversation, 41 + d.body().length(), d.sender(), d.body(),
                    List.of(), d.clientMessageId(), d.createdAt(), null, null, null), recipients)));
        };
    }

    private UUID ownedBy(UUID instance) {
        while (true) {
            UUID conversation = UUID.randomUUID();
            if (ownersA.ownerOf(conversation).equals(instance)) {
                return conversation;
            }
        }
    }

    private static Draft draft(String body) {
        return new Draft(UUID.randomUUID(), UUID.randomUUID(), body, "client-1", OffsetDateTime.of(2026, 12, 3, 18, 0, 0, 123_456_000, ZoneOffset.UTC));
    }

    @Test
    void shouldStoreAPostOfAConversationItOwnsItself() {
        PostRouter routerA = instance(ownersA, storing(a), WAIT);
        instance(ownersB, storing(b), WAIT);
        Draft d = draft("mine");

        Posted posted = routerA.post(ownedBy(a), d).await().atMost(WAIT).orElseThrow();

        assertThat(storedBy).containsExactly(Map.entry(d.id(), a));
        assertThat(publishedBy).containsExactly(Map.entry(d.id(), a));
        assertThat(posted.message().seq()).isEqualTo(45);
    }

    @Test
    void shouldAnswerOnceStoredWithoutWaitingForTheBrokerToConfirmThePublication() {
        // A broker that takes the publication and never confirms it (a stalled Redis): the post is stored, so it is answered.
        Uni<Void> never = Uni.createFrom().nothing();
        PostRouter routerA = instance(ownersA, storing(a), WAIT, never);
        instance(ownersB, storing(b), WAIT, never);
        Draft mine = draft("mine");
        Draft forwarded = draft("forwarded");

        Posted here = routerA.post(ownedBy(a), mine).await().atMost(WAIT).orElseThrow();
        Posted there = routerA.post(ownedBy(b), forwarded).await().atMost(WAIT).orElseThrow();

        assertThat(here.message().seq()).isEqualTo(45);
        assertThat(there.message().seq()).isEqualTo(50);
        assertThat(publishedBy).as("each event handed to the broker by the instance that stored it, before the answer")
                .containsOnly(Map.entry(mine.id(), a), Map.entry(forwarded.id(), b));
    }

    @Test
    void shouldStoreAPostAtItsOwnerAndAnswerWithTheOwnersSeqAndRecipients() {
        PostRouter routerA = instance(ownersA, storing(a), WAIT);
        instance(ownersB, storing(b), WAIT);
        UUID conversation = ownedBy(b);
        Draft d = draft("forwarded, h\u00e9");

        Posted posted = routerA.post(conversation, d).await().atMost(WAIT).orElseThrow();

        assertThat(storedBy).containsExactly(Map.entry(d.id(), b));
        assertThat(publishedBy).as("published once, by the owner that stored it").containsExactly(Map.entry(d.id(), b));
        assertThat(posted.message().seq()).isEqualTo(41 + d.body().length());
        assertThat(posted.message().id()).isEqualTo(d.id());
        assertThat(posted.message().conversationId()).isEqualTo(conversation);
        assertThat(posted.message().body()).isEqualTo(d.body());
        assertThat(posted.message().clientMessageId()).isEqualTo("client-1");
        assertThat(posted.message().createdAt()).isEqualTo(d.createdAt());
        assertThat(posted.participants()).isEqualTo(recipients);
        assertThat(routerA.waiting()).isZero();
    }

    @Test
    void shouldAnswerNothingForASenderWhoDoesNotTakePart() {
        PostRouter routerA = instance(ownersA, storing(a), WAIT);
        instance(ownersB, (c, d) -> Uni.createFrom().item(Optional.empty()), WAIT);

        assertThat(routerA.post(ownedBy(b), draft("outsider")).await().atMost(WAIT)).isEmpty();
        assertThat(publishedBy).isEmpty();
    }

    @Test
    void shouldPassOnARepeatedClientMessageIdAsTheUniqueViolationItIs() {
        PostRouter routerA = instance(ownersA, storing(a), WAIT);
        instance(ownersB, (c, d) -> Uni.createFrom().failure(new PgException("duplicate key", "ERROR", "23505", null)), WAIT);

        assertThatThrownBy(() -> routerA.post(ownedBy(b), draft("again")).await().atMost(WAIT))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.getSqlState()).isEqualTo("23505"));
    }

    @Test
    void shouldStoreHereWhenTheOwnerServesNothingAndSkipItAfterwards() {
        PostRouter routerA = instance(ownersA, storing(a), WAIT);
        // b is announced but never started serving (it crashed).
        UUID conversation = ownedBy(b);
        Draft d = draft("owner gone");

        Posted posted = routerA.post(conversation, d).await().atMost(WAIT).orElseThrow();

        assertThat(storedBy).containsExactly(Map.entry(d.id(), a));
        assertThat(publishedBy).containsExactly(Map.entry(d.id(), a));
        assertThat(posted.message().seq()).isEqualTo(41 + d.body().length());
        assertThat(ownersA.ownerOf(conversation)).isEqualTo(a);
    }

    @Test
    void shouldGive503ForAPostSentToAnOwnerThatThenStopsAnnouncingItself() throws Exception {
        PostRouter routerA = instance(ownersA, storing(a), WAIT);
        instance(ownersB, (c, d) -> Uni.createFrom().nothing(), WAIT);
        CompletableFuture<Optional<Posted>> post = routerA.post(ownedBy(b), draft("owner died")).subscribeAsCompletionStage();
        await().atMost(WAIT).until(() -> routerA.waiting() == 1);

        routerA.sweep();
        assertThat(post).as("b still announces itself").isNotDone();
        ownersA.live(List.of(a));
        routerA.sweep();

        assertThatThrownBy(() -> post.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(routerA.waiting()).isZero();
        assertThat(storedBy).as("not stored again here: b may have stored it").isEmpty();
    }

    @Test
    void shouldGive503WhenTheOwnerDoesNotAnswerInTime() {
        PostRouter routerA = instance(ownersA, storing(a), Duration.ofMillis(300));
        instance(ownersB, (c, d) -> Uni.createFrom().nothing(), WAIT);

        assertThatThrownBy(() -> routerA.post(ownedBy(b), draft("slow")).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(routerA.waiting()).isZero();
        assertThat(storedBy).isEmpty();
    }
}
