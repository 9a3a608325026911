package dev.chatsuite.common.http;

/** Reads an {@code Authorization} header. */
public final class BearerToken {

    private BearerToken() {
    }

    /** The token of a {@code Bearer} header (scheme matched case-insensitively), or null for any other header or none. */
    public static String of(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
    }
}
