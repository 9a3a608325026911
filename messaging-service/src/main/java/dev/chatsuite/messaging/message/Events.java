package dev.chatsuite.messaging.message;

import java.util.UUID;

import dev.chatsuite.messaging.fanout.Publication;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.Json;

/**
 * The server-to-client frames caused by stored changes (the contract's real-time section),
 * each encoded once into the {@link Publication} that carries it to every recipient.
 * Encoded with Json.encode, so registered for native-image reflection here.
 */
@RegisterForReflection(targets = { Events.MessageCreated.class, Events.MessageUpdated.class, Events.MessageDeleted.class, Events.Read.class,
        Events.Reaction.class, MessageView.class, ReplyToView.class, ReactionView.class })
public final class Events {

    private Events() {
    }

    public record MessageCreated(String type, MessageView message) {
        public MessageCreated(MessageView message) {
            this("message.created", message);
        }
    }

    public record MessageUpdated(String type, MessageView message) {
        public MessageUpdated(MessageView message) {
            this("message.updated", message);
        }
    }

    public record MessageDeleted(String type, String conversationId, String messageId, long seq) {
        public MessageDeleted(String conversationId, String messageId, long seq) {
            this("message.deleted", conversationId, messageId, seq);
        }
    }

    public record Read(String type, String conversationId, String userId, long seq) {
        public Read(String conversationId, String userId, long seq) {
            this("read", conversationId, userId, seq);
        }
    }

    public record Reaction(String type, String conversationId, String messageId, long seq, String emoji, String userId, boolean added) {
        public Reaction(String conversationId, String messageId, long seq, String emoji, String userId, boolean added) {
            this("reaction", conversationId, messageId, seq, emoji, userId, added);
        }
    }

    static Publication created(MessageView view) {
        return Publication.created(UUID.fromString(view.conversationId()), view.seq(), Json.encode(new MessageCreated(view)));
    }

    static Publication updated(MessageView view) {
        return Publication.changed(UUID.fromString(view.conversationId()), view.seq(), Json.encode(new MessageUpdated(view)));
    }

    static Publication deleted(StoredMessage message) {
        return Publication.changed(message.conversationId(), message.seq(),
                Json.encode(new MessageDeleted(message.conversationId().toString(), message.id().toString(), message.seq())));
    }

    /** Ordered like an edit: never ahead of the {@code message.created} of its seq; reactions take no seq of their own. */
    static Publication reaction(UUID conversation, UUID message, long seq, String emoji, UUID user, boolean added) {
        return Publication.changed(conversation, seq,
                Json.encode(new Reaction(conversation.toString(), message.toString(), seq, emoji, user.toString(), added)));
    }

    static Publication read(UUID conversation, UUID reader, long seq) {
        return Publication.ofConversation(conversation, Json.encode(new Read(conversation.toString(), reader.toString(), seq)));
    }
}
