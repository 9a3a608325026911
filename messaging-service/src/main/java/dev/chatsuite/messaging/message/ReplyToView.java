package dev.chatsuite.messaging.message;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The contract's {@code replyTo} of a {@code Message}. */
@RegisterForReflection
public record ReplyToView(String id, long seq, String senderId, String excerpt) {
}
