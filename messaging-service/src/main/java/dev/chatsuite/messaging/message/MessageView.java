package dev.chatsuite.messaging.message;

import java.util.List;

import dev.chatsuite.messaging.attachment.AttachmentView;

/** The contract's {@code Message}. */
public record MessageView(String id, String conversationId, long seq, String senderId, String body, List<AttachmentView> attachments,
        String clientMessageId, String createdAt, String editedAt, String deletedAt) {
}
