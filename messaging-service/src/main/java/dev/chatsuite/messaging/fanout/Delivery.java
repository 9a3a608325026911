package dev.chatsuite.messaging.fanout;

import java.util.UUID;

/** The one consumer of what a {@link Broker} receives: hands each publication to the recipient's sockets. */
public interface Delivery {

    /** A publication for {@code recipient}; called on the broker's delivery context, one at a time. */
    void deliver(UUID recipient, Publication publication);

    /** The broker lost its subscriptions and has them again: what was published meanwhile may be missing. */
    default void resubscribed() {
    }
}
