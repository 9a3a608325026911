package dev.chatsuite.auth.credential;

import java.util.UUID;

import dev.chatsuite.common.problem.CommonProblem;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The verified sender of a request: who, in which session and tenant, and the token itself (for
 * calls on their behalf). The caller package's augmentor attaches it to the SecurityIdentity once
 * the account and the session are known to be live.
 */
public record Caller(UUID userId, UUID sessionId, UUID tenantId, String token) {

    /** The SecurityIdentity attribute that holds the caller. */
    public static final String ATTRIBUTE = Caller.class.getName();

    /** The caller of an authenticated request (its endpoint is {@code @Authenticated} or {@code @RolesAllowed}). */
    public static Caller of(SecurityIdentity identity) {
        Caller caller = identity.isAnonymous() ? null : identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw CommonProblem.UNAUTHORIZED.exception("A valid bearer access token is required.");
        }
        return caller;
    }
}
