package dev.chatsuite.messaging.fanout;

import java.util.Collection;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * Fan-out between instances: publishing and subscribing of one protocol side by side. Every
 * publication is addressed to users; an instance subscribes to the users who have a socket on
 * it, and hands what it receives to its one {@link Delivery}. Delivery is at most once and in
 * no promised order: sockets make order themselves ({@code seq}, filled from storage).
 */
public interface Broker {

    /** Sends {@code publication} to every instance subscribed to one of {@code recipients}. */
    Uni<Void> publish(Collection<UUID> recipients, Publication publication);

    /**
     * Counts one more socket of {@code user}; the first one subscribes. Completes once the
     * subscription is in place, or at once while the broker is down (it subscribes on reconnect).
     */
    Uni<Void> subscribe(UUID user);

    /** Counts one socket of {@code user} less; the last one unsubscribes. */
    void unsubscribe(UUID user);

    /** Sets the one consumer of received publications. */
    void deliverTo(Delivery delivery);

    /** True while publications can be received (the subscriber connection is up and subscribed). */
    boolean ready();
}
