package dev.chatsuite.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class ConfirmationsTest {

    private final Subscriptions subscriptions = new Subscriptions();
    private final Confirmations confirmations = new Confirmations();
    private final List<String> sent = new ArrayList<>();

    private CompletableFuture<Long> subscribe(String channel) {
        return confirmations.subscribe(subscriptions, channel, sent::add).subscribeAsCompletionStage();
    }

    @Test
    void shouldLetEverySocketOfAChannelWaitForTheOneSubscribeAndSaySinceWhen() {
        CompletableFuture<Long> first = subscribe("c");
        CompletableFuture<Long> second = subscribe("c");
        assertThat(sent).as("one command for both sockets").containsExactly("c");
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        long before = System.nanoTime();
        confirmations.confirmed("c");
        assertThat(first.join()).isBetween(before, System.nanoTime()).isEqualTo(second.join());
        assertThat(subscribe("c").join()).as("a later socket: received since the confirmation").isEqualTo(first.join());
    }

    @Test
    void shouldNotTakeAnEarlierSubscribesPushForOneSentAfterAnUnsubscribe() {
        CompletableFuture<Long> gone = subscribe("c");
        subscriptions.remove("c", () -> confirmations.forget("c"));
        CompletableFuture<Long> again = subscribe("c");
        assertThat(sent).containsExactly("c", "c");

        confirmations.confirmed("c");
        assertThat(again).as("the first command's push; Redis has still to unsubscribe and subscribe again").isNotDone();
        confirmations.confirmed("c");
        assertThat(again).isDone();
        assertThat(gone).as("the socket that left is released too").isDone();
    }

    @Test
    void shouldReleaseEveryWaiterWhenTheConnectionIsLost() {
        CompletableFuture<Long> a = subscribe("a");
        subscriptions.remove("a", () -> confirmations.forget("a"));
        CompletableFuture<Long> again = subscribe("a");
        CompletableFuture<Long> b = subscribe("b");
        confirmations.releaseAll();
        assertThat(List.of(a, again, b)).allMatch(CompletableFuture::isDone);
        // The resubscription then waits for its own push.
        CompletableFuture<Void> resubscribed = confirmations.expect("a");
        assertThat(resubscribed).isNotDone();
        confirmations.confirmed("a");
        assertThat(resubscribed).isDone();
    }
}
