package dev.chatsuite.auth.user;

/** {@code avatar}: public, cacheable URLs any user (or nobody signed in) can load. */
public record AvatarView(String id, String url, String thumbnailUrl) {
}
