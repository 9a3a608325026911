package dev.chatsuite.messaging.message;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

import dev.chatsuite.messaging.attachment.AttachmentView;

/** The contract's {@code Message}. */
// Also encoded by hand into WebSocket frames and Redis events, so registered for native.
@RegisterForReflection
public record MessageView(String id, String conversationId, long seq, String senderId, String body, List<AttachmentView> attachments,
        String clientMessageId, String createdAt, String editedAt, String deletedAt) {
}
