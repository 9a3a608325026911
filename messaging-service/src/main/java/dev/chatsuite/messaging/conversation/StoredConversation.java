package dev.chatsuite.messaging.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.chatsuite.messaging.message.StoredMessage;

/** A conversation as one participant sees it: its row, their read marker and activity time, and who takes part. */
public record StoredConversation(UUID id, String type, String title, OffsetDateTime createdAt, OffsetDateTime updatedAt, long lastSeq,
        long lastReadSeq, OffsetDateTime activity, StoredMessage lastMessage, List<UUID> participants) {

    StoredConversation withParticipants(List<UUID> users) {
        return new StoredConversation(id, type, title, createdAt, updatedAt, lastSeq, lastReadSeq, activity, lastMessage, users);
    }
}
