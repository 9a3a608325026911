package dev.chatsuite.messaging.message;

import java.util.List;

import dev.chatsuite.messaging.attachment.AttachmentView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The contract's {@code Message}; registered for native as it is encoded by hand into frames and Redis events. */
@RegisterForReflection
public record MessageView(String id, String conversationId, long seq, String senderId, String body, List<AttachmentView> attachments,
        String clientMessageId, String createdAt, String editedAt, String deletedAt, ReplyToView replyTo, List<ReactionView> reactions) {
}
