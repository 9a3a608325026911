package dev.chatsuite.messaging.caller;

import jakarta.ws.rs.Priorities;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.chatsuite.messaging.MessagingProblem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Refuses a REST request whose access token belongs to an ended session: 401 {@code session-ended}, before anything else is done. */
public class EndedSessionFilter {

    private final EndedSessionCheck check;
    private final SecurityIdentity identity;

    public EndedSessionFilter(EndedSessionCheck check, SecurityIdentity identity) {
        this.check = check;
        this.identity = identity;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> refuseEndedSessions() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().voidItem();
        }
        return check.ended(token).invoke(ended -> {
            if (ended) {
                throw MessagingProblem.SESSION_ENDED.exception("This session has ended; sign in again.");
            }
        }).replaceWithVoid();
    }
}
