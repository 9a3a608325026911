package dev.chatsuite.messaging.fanout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.vertx.core.buffer.Buffer;

/**
 * Both ends of the Redis brokers' channels: the messages one publication becomes, and what a
 * received message is handed on as. A user's event is one message per recipient on their
 * channel; a conversation's event is one {@link Envelope} (per 256 recipients) on its channel.
 */
final class Wire {

    /** One PUBLISH (or SPUBLISH). */
    record Outgoing(String channel, Buffer payload) {
    }

    private Wire() {
    }

    static List<Outgoing> outgoing(Collection<UUID> recipients, Publication publication) {
        if (publication.perUser()) {
            Buffer payload = Buffer.buffer(publication.encode());
            List<Outgoing> out = new ArrayList<>(recipients.size());
            recipients.forEach(user -> out.add(new Outgoing(Channels.user(user), payload)));
            return out;
        }
        String channel = Channels.conversation(publication.conversationId());
        List<Outgoing> out = new ArrayList<>(1);
        List<UUID> all = recipients instanceof List<UUID> list ? list : List.copyOf(recipients);
        Envelope.split(all, publication).forEach(e -> out.add(new Outgoing(channel, Buffer.buffer(e.encode()))));
        return out;
    }

    /** Hands a received message to {@code delivery}, once per recipient; a stray one is dropped. */
    static void received(String channel, String payload, Delivery delivery) {
        if (Channels.isConversation(channel)) {
            Envelope envelope = Envelope.decode(payload);
            if (envelope != null) {
                envelope.recipients().forEach(user -> delivery.deliver(user, envelope.publication()));
            }
            return;
        }
        UUID user = Channels.userOf(channel);
        Publication publication = user == null ? null : Publication.decode(payload);
        if (publication != null) {
            delivery.deliver(user, publication);
        }
    }
}
