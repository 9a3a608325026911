package dev.chatsuite.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/** The cases every {@link Broker} passes, run against each implementation by its subclass. */
abstract class BrokerContract {

    protected Vertx vertx;
    protected FanoutContext context;
    protected Broker broker;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicBoolean offContext = new AtomicBoolean();
    protected final AtomicInteger resubscriptions = new AtomicInteger();

    record Received(UUID recipient, Publication publication) {
    }

    /** A started broker on this context. */
    protected abstract Broker create(Vertx vertx, FanoutContext context);

    protected void stop(Broker broker) {
    }

    @BeforeEach
    void startBroker() {
        vertx = Vertx.vertx();
        context = new FanoutContext(vertx);
        broker = create(vertx, context);
        broker.deliverTo(new Delivery() {
            @Override
            public void deliver(UUID recipient, Publication publication) {
                if (Vertx.currentContext() != context.context()) {
                    offContext.set(true);
                }
                received.add(new Received(recipient, publication));
            }

            @Override
            public void resubscribed() {
                resubscriptions.incrementAndGet();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(broker::ready);
    }

    @AfterEach
    void stopBroker() {
        stop(broker);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    protected void subscribe(UUID user) {
        broker.subscribe(user).await().atMost(Duration.ofSeconds(5));
    }

    protected long follow(UUID conversation) {
        return broker.follow(conversation).await().atMost(Duration.ofSeconds(5));
    }

    protected Received next() throws InterruptedException {
        return received.poll(5, TimeUnit.SECONDS);
    }

    protected boolean nothingWithin(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    @Test
    void shouldDeliverAPublicationToARecipientOfAFollowedConversationWithItsFieldsIntact() throws Exception {
        UUID bob = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        follow(conversation);
        Publication sent = Publication.created(conversation, 12, "{\"type\":\"message.created\",\"body\":\"h\u00e9 | there\"}");
        broker.publish(List.of(bob), sent).await().atMost(Duration.ofSeconds(5));

        Received got = next();
        assertThat(got).isNotNull();
        assertThat(got.recipient()).isEqualTo(bob);
        assertThat(got.publication()).isEqualTo(sent);
        assertThat(nothingWithin(200)).as("exactly once").isTrue();
        assertThat(offContext).as("delivered on the fan-out context").isFalse();
    }

    @Test
    void shouldHandAnInstanceMessageToTheAddressItServesAndNeverToASocket() throws Exception {
        UUID address = UUID.randomUUID();
        BlockingQueue<Publication> served = new LinkedBlockingQueue<>();
        AtomicBoolean handledOffContext = new AtomicBoolean();
        broker.serve(address, p -> {
            handledOffContext.compareAndSet(false, Vertx.currentContext() != context.context());
            served.add(p);
        }).await().atMost(Duration.ofSeconds(5));

        Publication request = Publication.toInstance("R{\"q\":7,\"body\":\"h\u00e9 | there\"}");
        assertThat(broker.send(address, request).await().atMost(Duration.ofSeconds(5))).as("an instance serves it").isTrue();
        assertThat(served.poll(5, TimeUnit.SECONDS)).isEqualTo(request);
        assertThat(handledOffContext).as("handled on the fan-out context").isFalse();
        // Nothing reached the sockets' delivery, and a user's event on that address does not either.
        broker.publish(List.of(address), Publication.ofUser("{}")).await().atMost(Duration.ofSeconds(5));
        assertThat(nothingWithin(300)).isTrue();
        assertThat(served.poll(100, TimeUnit.MILLISECONDS)).isNull();

        assertThat(broker.send(UUID.randomUUID(), request).await().atMost(Duration.ofSeconds(5))).as("nobody serves that address").isFalse();
    }

    @Test
    void shouldDeliverToEachSubscribedRecipientAndNobodyElse() throws Exception {
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        subscribe(bob);
        subscribe(carol);
        broker.publish(List.of(bob, carol, stranger), Publication.ofUser("{}")).await().atMost(Duration.ofSeconds(5));

        Set<UUID> recipients = ConcurrentHashMap.newKeySet();
        recipients.add(next().recipient());
        recipients.add(next().recipient());
        assertThat(recipients).containsExactlyInAnyOrder(bob, carol);
        assertThat(nothingWithin(200)).isTrue();
    }

    @Test
    void shouldKeepDeliveringUntilTheLastSocketOfAUserUnsubscribes() throws Exception {
        UUID bob = UUID.randomUUID();
        subscribe(bob);
        subscribe(bob);
        broker.unsubscribe(bob);
        broker.publish(List.of(bob), Publication.ofUser("one left")).await().atMost(Duration.ofSeconds(5));
        assertThat(next().publication().frame()).isEqualTo("one left");

        broker.unsubscribe(bob);
        Thread.sleep(200);
        broker.publish(List.of(bob), Publication.ofUser("none left")).await().atMost(Duration.ofSeconds(5));
        assertThat(nothingWithin(300)).isTrue();
    }

    @Test
    void shouldDeliverEveryPublicationOfABurst() throws Exception {
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        follow(conversation);
        List<io.smallrye.mutiny.Uni<Void>> burst = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= 500; i++) {
            burst.add(broker.publish(List.of(bob, carol), Publication.created(conversation, i, "{}")));
        }
        io.smallrye.mutiny.Uni.join().all(burst).andFailFast().await().atMost(Duration.ofSeconds(20));
        int count = 0;
        while (next() != null) {
            if (++count == 1000) {
                break;
            }
        }
        assertThat(count).isEqualTo(1000);
    }

    @Test
    void shouldHandAConversationsPublicationToEachOfItsRecipientsAndNoUserChannel() throws Exception {
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        subscribe(bob);
        follow(conversation);
        broker.publish(List.of(bob, carol), Publication.ofConversation(other, "not followed")).await().atMost(Duration.ofSeconds(5));
        assertThat(nothingWithin(300)).as("a conversation nobody here follows, though bob is subscribed").isTrue();

        broker.publish(List.of(bob, carol), Publication.changed(conversation, 3, "followed")).await().atMost(Duration.ofSeconds(5));
        Set<UUID> recipients = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 2; i++) {
            Received got = next();
            assertThat(got).isNotNull();
            assertThat(got.publication()).isEqualTo(Publication.changed(conversation, 3, "followed"));
            recipients.add(got.recipient());
        }
        assertThat(recipients).as("every recipient it was committed for, whoever is connected").containsExactlyInAnyOrder(bob, carol);
        assertThat(nothingWithin(200)).isTrue();
    }

    @Test
    void shouldKeepFollowingUntilTheLastSocketUnfollowsAndSayWhenItStartedReceiving() throws Exception {
        UUID bob = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        long before = System.nanoTime();
        long since = follow(conversation);
        assertThat(since).as("received from its confirmation on").isBetween(before, System.nanoTime());
        assertThat(follow(conversation)).as("a second socket: already received since then").isEqualTo(since);
        broker.unfollow(conversation);
        broker.publish(List.of(bob), Publication.ofConversation(conversation, "one left")).await().atMost(Duration.ofSeconds(5));
        assertThat(next().publication().frame()).isEqualTo("one left");

        broker.unfollow(conversation);
        Thread.sleep(200);
        broker.publish(List.of(bob), Publication.ofConversation(conversation, "none left")).await().atMost(Duration.ofSeconds(5));
        assertThat(nothingWithin(300)).isTrue();
    }

    @Test
    void shouldReachEveryMemberOfALargeGroupOnce() throws Exception {
        UUID conversation = UUID.randomUUID();
        follow(conversation);
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            members.add(UUID.randomUUID());
        }
        broker.publish(members, Publication.created(conversation, 1, "{}")).await().atMost(Duration.ofSeconds(5));
        List<UUID> reached = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Received got = next();
            assertThat(got).as("delivery %d of %d", i + 1, members.size()).isNotNull();
            reached.add(got.recipient());
        }
        assertThat(reached).containsExactlyInAnyOrderElementsOf(members);
        assertThat(nothingWithin(200)).isTrue();
    }

    @Test
    void shouldBeReadyOnceStarted() {
        assertThat(broker.ready()).isTrue();
    }
}
