package dev.chatsuite.auth.user;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The contract's {@code Me}: the caller's own account, the only view that carries the email. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MeView(String id, String email, String username, String displayName, String bio, String location,
        List<String> links, AvatarView avatar, TenantView tenant, List<String> roles, String createdAt) {
}
