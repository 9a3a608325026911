package dev.chatsuite.auth.profile;

/** {@code avatar}: public, cacheable URLs any user (or nobody signed in) can load. */
public record AvatarView(String id, String url, String thumbnailUrl) {
}
