package dev.chatsuite.auth.user;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The contract's {@code PublicProfile}: never the email. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PublicProfileView(String id, String username, String displayName, String bio, String location,
        List<String> links, AvatarView avatar) {
}
