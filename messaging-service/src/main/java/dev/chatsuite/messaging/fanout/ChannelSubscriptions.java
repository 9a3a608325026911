package dev.chatsuite.messaging.fanout;

import java.util.UUID;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/**
 * The subscribing half both Redis brokers share: user and conversation channels counted per
 * socket, the first one subscribing and the last one unsubscribing on the delivery context,
 * each subscription confirmed by its push.
 */
abstract class ChannelSubscriptions implements Broker {

    protected final FanoutContext context;
    protected final Subscriptions subscriptions = new Subscriptions();
    protected final Confirmations confirmations = new Confirmations();
    protected final Served served = new Served();

    protected ChannelSubscriptions(FanoutContext context) {
        this.context = context;
    }

    @Override
    public final Uni<Void> subscribe(UUID user) {
        return subscribeTo(Channels.user(user)).replaceWithVoid();
    }

    @Override
    public final Uni<Void> serve(UUID address, Consumer<Publication> handler) {
        served.add(address, handler);
        return subscribe(address);
    }

    @Override
    public final void unsubscribe(UUID user) {
        unsubscribeFrom(Channels.user(user));
    }

    @Override
    public final Uni<Long> follow(UUID conversation) {
        return subscribeTo(Channels.conversation(conversation));
    }

    @Override
    public final void unfollow(UUID conversation) {
        unsubscribeFrom(Channels.conversation(conversation));
    }

    /** On the delivery context: subscribes the channel's first socket (confirmed by its push). */
    protected abstract void sendSubscribe(String channel);

    /** On the delivery context: unsubscribes after the channel's last socket. */
    protected abstract void sendUnsubscribe(String channel);

    private Uni<Long> subscribeTo(String channel) {
        return confirmations.subscribe(subscriptions, channel, c -> context.execute(() -> sendSubscribe(c)));
    }

    private void unsubscribeFrom(String channel) {
        subscriptions.remove(channel, () -> {
            confirmations.forget(channel);
            context.execute(() -> sendUnsubscribe(channel));
        });
    }
}
