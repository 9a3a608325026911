package dev.chatsuite.media.caller;

import io.quarkus.security.AuthenticationFailedException;

/**
 * The token verifies, but auth-service has ended its session: the cause of the authentication
 * failure, so that it is answered 401 {@code session-ended} rather than the generic 401.
 */
public class SessionEndedException extends RuntimeException {

    static final String DETAIL = "This session has ended; sign in again.";

    private SessionEndedException() {
        super(DETAIL, null, false, false);
    }

    /** The failure that refuses the identity of a token whose session has ended. */
    static AuthenticationFailedException failure() {
        return new AuthenticationFailedException(DETAIL, new SessionEndedException());
    }

    /** Whether {@code failure} is (or was caused by) an ended session. */
    public static boolean causes(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof SessionEndedException) {
                return true;
            }
            if (e.getCause() == e) {
                return false;
            }
        }
        return false;
    }
}
