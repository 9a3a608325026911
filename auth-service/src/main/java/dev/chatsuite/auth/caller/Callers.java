package dev.chatsuite.auth.caller;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chatsuite.auth.account.Account;
import dev.chatsuite.auth.token.AccessTokens;
import dev.chatsuite.auth.token.Session;
import dev.chatsuite.common.http.BearerToken;
import dev.chatsuite.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Turns an {@code Authorization: Bearer} header into a {@link Caller}, or a 401. A token of a
 * disabled account, or of a session that has ended, is refused at once, not when it expires.
 */
@ApplicationScoped
public class Callers {

    /** The problem type of a token whose session was ended (logout, revocation, password change). */
    public static final String SESSION_ENDED = "session-ended";

    private final AccessTokens tokens;

    public Callers(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @WithSession
    public Uni<Caller> require(String authorization) {
        String token = BearerToken.of(authorization);
        JsonWebToken jwt = tokens.verify(token);
        if (jwt == null) {
            return Uni.createFrom().failure(ProblemException.unauthorized("A valid bearer access token is required."));
        }
        UUID userId;
        UUID sessionId;
        UUID tenantId;
        try {
            userId = UUID.fromString(jwt.getSubject());
            sessionId = uuidClaim(jwt, "sid");
            tenantId = uuidClaim(jwt, "tid");
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return Uni.createFrom().failure(ProblemException.unauthorized("A valid bearer access token is required."));
        }
        if (sessionId == null) {
            return Uni.createFrom().failure(ProblemException.unauthorized("The access token names no session; sign in again."));
        }
        // A token of an ended session (logout, "end other sessions", a password change) stops
        // working at once, not when it expires; a disabled account keeps its own problem type.
        return Session.<Session>findById(sessionId).chain(session -> Account.<Account>findById(userId).map(account -> {
            if (account == null) {
                throw ProblemException.unauthorized("This account does not exist.");
            }
            if (!account.active) {
                // Still a 401 (the token no longer authenticates anyone), with its own type so that
                // messaging-service can close a WebSocket with 4003 rather than 4001.
                throw new ProblemException(401, "account-disabled", "This account is disabled.");
            }
            if (session == null || session.revokedAt != null || !session.accountId.equals(userId)) {
                throw new ProblemException(401, SESSION_ENDED, "This session has ended; sign in again.");
            }
            return new Caller(userId, sessionId, tenantId, jwt.getGroups(), token);
        }));
    }

    private static UUID uuidClaim(JsonWebToken jwt, String name) {
        String value = jwt.getClaim(name);
        return value == null ? null : UUID.fromString(value);
    }

    public Uni<Caller> requireAdmin(String authorization) {
        return require(authorization).map(caller -> {
            if (!caller.isAdmin()) {
                throw ProblemException.forbidden("Only administrators may do this.");
            }
            return caller;
        });
    }
}
