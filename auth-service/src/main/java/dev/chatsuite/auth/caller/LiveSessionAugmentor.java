package dev.chatsuite.auth.caller;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chatsuite.auth.AuthProblem;
import dev.chatsuite.auth.credential.Caller;
import dev.chatsuite.auth.credential.Session;
import dev.chatsuite.auth.user.Account;
import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * auth-service's own rule on top of a verified access token: its account must still exist and
 * be active, and its session ({@code sid}) must not have ended, so that such a token is refused
 * at once rather than when it expires. Reads both rows reactively; on success the identity
 * carries the {@link Caller}. A refusal fails authentication with the problem to answer
 * ({@link CallerProblems}).
 */
@ApplicationScoped
public class LiveSessionAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        UUID userId;
        UUID sessionId;
        UUID tenantId;
        try {
            userId = UUID.fromString(jwt.getSubject());
            sessionId = uuidClaim(jwt, "sid");
            tenantId = uuidClaim(jwt, "tid");
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return refused(CommonProblem.UNAUTHORIZED.exception("A valid bearer access token is required."));
        }
        if (sessionId == null) {
            return refused(CommonProblem.UNAUTHORIZED.exception("The access token names no session; sign in again."));
        }
        return Panache.withSession(() -> Session.<Session>findById(sessionId)
                .chain(session -> Account.<Account>findById(userId).map(account -> {
                    if (account == null) {
                        throw refusal(CommonProblem.UNAUTHORIZED.exception("This account does not exist."));
                    }
                    // A disabled account keeps its own type, so that messaging can close a socket with 4003.
                    if (!account.active) {
                        throw refusal(AuthProblem.DISABLED_ACCOUNT_TOKEN.exception("This account is disabled."));
                    }
                    if (session == null || session.revokedAt != null || !session.accountId.equals(userId)) {
                        throw refusal(AuthProblem.SESSION_ENDED.exception("This session has ended; sign in again."));
                    }
                    return QuarkusSecurityIdentity.builder(identity)
                            .addAttribute(Caller.ATTRIBUTE, new Caller(userId, sessionId, tenantId, jwt.getRawToken()))
                            .build();
                })));
    }

    private static UUID uuidClaim(JsonWebToken jwt, String name) {
        String value = jwt.getClaim(name);
        return value == null ? null : UUID.fromString(value);
    }

    private static Uni<SecurityIdentity> refused(ProblemException problem) {
        return Uni.createFrom().failure(refusal(problem));
    }

    private static AuthenticationFailedException refusal(ProblemException problem) {
        return new AuthenticationFailedException(problem.getMessage(), problem);
    }
}
