package dev.chatsuite.messaging.message;

import java.util.List;
import java.util.UUID;

/** JSON body of a post: text, media the caller uploaded, and an optional idempotency key. */
public record PostMessageRequest(String body, List<UUID> attachmentIds, String clientMessageId) {
}
