package dev.chatsuite.messaging.realtime;

import java.util.function.BiConsumer;

/**
 * Receives what other instances (and this one) publish: each instance subscribes only to the
 * channels its own connections need, and hands every message to one listener.
 */
public interface Broker {

    /** Starts receiving {@code channel}; subscribing twice is harmless. */
    void subscribe(String channel);

    void unsubscribe(String channel);

    /** The one listener of {@code (channel, payload)} messages. */
    void listen(BiConsumer<String, String> listener);

    /** True while the broker connection is up and subscribed. */
    boolean connected();
}
