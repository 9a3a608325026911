package dev.chatsuite.auth.caller;

import java.util.Set;
import java.util.UUID;

/** The verified sender of a request: who, in which session and tenant, with which groups, and the token itself (for calls on their behalf). */
public record Caller(UUID userId, UUID sessionId, UUID tenantId, Set<String> groups, String token) {

    public boolean isAdmin() {
        return groups.contains("admin");
    }
}
