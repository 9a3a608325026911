package dev.chatsuite.messaging.event;

import dev.chatsuite.messaging.message.MessageView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The server-to-client frames caused by stored changes (the contract's real-time section).
 * Encoded with Json.encode for Redis, so registered for native-image reflection here.
 */
@RegisterForReflection(targets = { Events.MessageCreated.class, Events.MessageUpdated.class, Events.MessageDeleted.class, Events.Read.class })
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
}
