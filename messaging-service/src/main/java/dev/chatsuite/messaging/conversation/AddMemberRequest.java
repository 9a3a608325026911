package dev.chatsuite.messaging.conversation;

import java.util.UUID;

public record AddMemberRequest(UUID userId) {
}
