package dev.chatsuite.messaging.conversation;

import java.util.List;

import dev.chatsuite.messaging.message.MessageView;

/** The contract's {@code Conversation}, as seen by one participant (unreadCount is theirs). */
public record ConversationView(String id, String type, String title, List<String> participantIds, MessageView lastMessage, long lastSeq,
        long unreadCount, String createdAt, String updatedAt) {
}
