package dev.chatsuite.messaging.fanout;

import java.util.Collection;
import java.util.UUID;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/**
 * {@link Broker} inside one process, for a single instance and for tests: a publication reaches
 * its recipients on the delivery context, in the order published, when the instance holds the
 * channel it travels on (the user's for their own events, the conversation's for the rest).
 */
public class InMemoryBroker implements Broker {

    private final FanoutContext context;
    private final Subscriptions subscriptions = new Subscriptions();
    /** Since when each followed conversation's channel has been held: confirmed as it is taken, nothing to wait for. */
    private final Confirmations confirmations = new Confirmations();
    private final Served served = new Served();
    private volatile Delivery delivery = served.around((user, publication) -> {
    });

    public InMemoryBroker(FanoutContext context) {
        this.context = context;
    }

    @Override
    public Uni<Void> publish(Collection<UUID> recipients, Publication publication) {
        for (UUID user : recipients) {
            if (subscriptions.contains(channel(user, publication))) {
                handOn(user, publication);
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** Queues one delivery on the delivery context; a subclass may hold it back or reorder it. */
    protected void handOn(UUID user, Publication publication) {
        context.execute(() -> {
            if (subscriptions.contains(channel(user, publication))) {
                delivery.deliver(user, publication);
            }
        });
    }

    private static String channel(UUID user, Publication publication) {
        return publication.perUser() ? Channels.user(user) : Channels.conversation(publication.conversationId());
    }

    @Override
    public Uni<Void> subscribe(UUID user) {
        subscriptions.add(Channels.user(user), () -> {
        });
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> serve(UUID address, Consumer<Publication> handler) {
        served.add(address, handler);
        return subscribe(address);
    }

    @Override
    public Uni<Boolean> send(UUID address, Publication publication) {
        boolean held = subscriptions.contains(Channels.user(address));
        if (held) {
            handOn(address, publication);
        }
        return Uni.createFrom().item(held);
    }

    @Override
    public void unsubscribe(UUID user) {
        subscriptions.remove(Channels.user(user), () -> {
        });
    }

    @Override
    public Uni<Long> follow(UUID conversation) {
        // Publishing checks the channel synchronously: from the confirmation on, nothing can be missed.
        return confirmations.subscribe(subscriptions, Channels.conversation(conversation), confirmations::confirmed);
    }

    @Override
    public void unfollow(UUID conversation) {
        String channel = Channels.conversation(conversation);
        subscriptions.remove(channel, () -> confirmations.forget(channel));
    }

    @Override
    public void deliverTo(Delivery delivery) {
        this.delivery = served.around(delivery);
    }

    @Override
    public boolean ready() {
        return true;
    }
}
