package dev.chatsuite.media.caller;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses the identity of an access token whose session has ended, wherever Quarkus security
 * establishes one (resources and the plain Vert.x routes alike).
 */
@ApplicationScoped
public class SessionEndedAugmentor implements SecurityIdentityAugmentor {

    private final EndedSessionCheck sessions;

    public SessionEndedAugmentor(EndedSessionCheck sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getClaim("sid") == null) {
            return Uni.createFrom().item(identity);
        }
        return sessions.ended(jwt.getClaim("sid").toString()).map(ended -> {
            if (ended) {
                throw SessionEndedException.failure();
            }
            return identity;
        });
    }
}
