package dev.chatsuite.messaging.fanout;

import java.util.Collection;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * {@link Broker} inside one process, for a single instance and for tests: a publication reaches
 * the subscribed recipients on the delivery context, in the order published.
 */
public class InMemoryBroker implements Broker {

    private final FanoutContext context;
    private final Subscriptions subscriptions = new Subscriptions();
    private volatile Delivery delivery = (user, publication) -> {
    };

    public InMemoryBroker(FanoutContext context) {
        this.context = context;
    }

    @Override
    public Uni<Void> publish(Collection<UUID> recipients, Publication publication) {
        for (UUID user : recipients) {
            if (subscriptions.contains(user)) {
                handOn(user, publication);
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** Queues one delivery on the delivery context; a subclass may hold it back or reorder it. */
    protected void handOn(UUID user, Publication publication) {
        context.execute(() -> {
            if (subscriptions.contains(user)) {
                delivery.deliver(user, publication);
            }
        });
    }

    @Override
    public Uni<Void> subscribe(UUID user) {
        subscriptions.add(user, () -> {
        });
        return Uni.createFrom().voidItem();
    }

    @Override
    public void unsubscribe(UUID user) {
        subscriptions.remove(user, () -> {
        });
    }

    @Override
    public void deliverTo(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public boolean ready() {
        return true;
    }
}
