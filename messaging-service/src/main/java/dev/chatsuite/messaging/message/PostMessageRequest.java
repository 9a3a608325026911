package dev.chatsuite.messaging.message;

import java.util.List;
import java.util.UUID;

/** JSON body of a post: text, media the caller uploaded, an optional idempotency key, and the message it answers. */
public record PostMessageRequest(String body, List<UUID> attachmentIds, String clientMessageId, UUID replyToId) {

    public PostMessageRequest(String body, List<UUID> attachmentIds, String clientMessageId) {
        this(body, attachmentIds, clientMessageId, null);
    }
}
