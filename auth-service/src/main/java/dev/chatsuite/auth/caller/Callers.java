package dev.chatsuite.auth.caller;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chatsuite.auth.account.Account;
import dev.chatsuite.auth.token.AccessTokens;
import dev.chatsuite.common.http.BearerToken;
import dev.chatsuite.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Turns an {@code Authorization: Bearer} header into a {@link Caller}, or a 401. A token of a
 * disabled account is refused as soon as the account is disabled, not when the token expires.
 */
@ApplicationScoped
public class Callers {

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
        UUID userId = UUID.fromString(jwt.getSubject());
        return Account.<Account>findById(userId).map(account -> {
            if (account == null) {
                throw ProblemException.unauthorized("This account does not exist.");
            }
            if (!account.active) {
                // Still a 401 (the token no longer authenticates anyone), with its own type so that
                // messaging-service can close a WebSocket with 4003 rather than 4001.
                throw new ProblemException(401, "account-disabled", "This account is disabled.");
            }
            String tid = jwt.getClaim("tid");
            String sid = jwt.getClaim("sid");
            return new Caller(userId, sid == null ? null : UUID.fromString(sid), tid == null ? null : UUID.fromString(tid),
                    jwt.getGroups(), token);
        });
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
