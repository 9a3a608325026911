package dev.chatsuite.messaging.caller;

import java.util.UUID;

/** The verified sender of a request: who, in which tenant (null without one), and the token to call other services on their behalf. */
public record Caller(UUID userId, UUID tenantId, String token) {
}
