package dev.chatsuite.messaging.conversation;

import java.util.List;
import java.util.UUID;

/** {@code {type:"direct", participantId}} or {@code {type:"group", title, participantIds}}. */
public record CreateConversationRequest(String type, UUID participantId, String title, List<UUID> participantIds) {
}
