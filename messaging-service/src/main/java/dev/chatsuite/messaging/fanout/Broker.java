package dev.chatsuite.messaging.fanout;

import java.util.Collection;
import java.util.UUID;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/**
 * Fan-out between instances: publishing and subscribing of one protocol side by side. A
 * publication is addressed to users. A user's own events ({@link Publication#perUser()}) go on
 * each recipient's channel, which an instance subscribes to while the user has a socket there.
 * A conversation's events are published once on the conversation's channel with their
 * recipients, and an instance follows the conversations of its sockets. Whatever arrives goes
 * to the one {@link Delivery}, per recipient. Delivery is at most once and in no promised
 * order: sockets make order themselves ({@code seq}, filled from storage).
 */
public interface Broker {

    /** Sends {@code publication} to every instance subscribed to one of {@code recipients} or following its conversation. */
    Uni<Void> publish(Collection<UUID> recipients, Publication publication);

    /**
     * Counts one more socket of {@code user}; the first one subscribes. Completes once the
     * subscription is in place, or at once while the broker is down (it subscribes on reconnect).
     */
    Uni<Void> subscribe(UUID user);

    /** Counts one socket of {@code user} less; the last one unsubscribes. */
    void unsubscribe(UUID user);

    /**
     * Counts one more socket following {@code conversation}; the first one subscribes. Completes
     * as {@link #subscribe} does, with the {@link System#nanoTime()} since when the conversation's
     * publications have been received here: a position read after that instant misses nothing.
     */
    Uni<Long> follow(UUID conversation);

    /** Counts one socket following {@code conversation} less; the last one unsubscribes. */
    void unfollow(UUID conversation);

    /**
     * Holds {@code address}'s channel for this instance: what another instance {@link #send sends}
     * there goes to {@code handler} on the delivery context, never to a socket. Completes once held.
     */
    Uni<Void> serve(UUID address, Consumer<Publication> handler);

    /** Sends an {@link Publication.Kind#INSTANCE} publication to {@code address}; true when an instance serves it. */
    Uni<Boolean> send(UUID address, Publication publication);

    /** Sets the one consumer of received publications. */
    void deliverTo(Delivery delivery);

    /** True while publications can be received (the subscriber connection is up and subscribed). */
    boolean ready();
}
