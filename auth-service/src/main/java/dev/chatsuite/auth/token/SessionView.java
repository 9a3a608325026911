package dev.chatsuite.auth.token;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One live session (refresh-token family) as {@code GET /api/auth/sessions} lists it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SessionView(String id, String createdAt, String lastUsedAt, String userAgent, String ip, boolean current) {
}
