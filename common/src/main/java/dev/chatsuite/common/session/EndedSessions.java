package dev.chatsuite.common.session;

import java.time.Duration;

/**
 * The Redis keys by which auth-service tells the other services that a session ({@code sid}
 * claim) has ended, so its access tokens stop working at once everywhere: auth sets
 * {@code session-ended:<sid>} when a session ends, for as long as any of its access tokens can
 * still be valid; services refuse a token whose key exists (401 {@code session-ended}).
 */
public final class EndedSessions {

    public static final String PREFIX = "session-ended:";

    /** How long past an access token's lifetime the mark is kept, for clock skew. */
    public static final Duration SKEW = Duration.ofMinutes(1);

    private EndedSessions() {
    }

    public static String key(String sid) {
        return PREFIX + sid;
    }
}
