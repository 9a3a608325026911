package dev.chatsuite.auth.token;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The one place for session (refresh-token family) queries that revoke. */
@ApplicationScoped
public class Sessions {

    /** Ends every live session of an account: after a password change or reset, or when an admin disables it. */
    public Uni<Integer> revokeAll(UUID accountId) {
        return Session.update("revokedAt = ?1 where accountId = ?2 and revokedAt is null", Instant.now(), accountId);
    }

    public Uni<Integer> revoke(UUID sessionId) {
        return Session.update("revokedAt = ?1 where id = ?2 and revokedAt is null", Instant.now(), sessionId);
    }

    public Uni<Integer> revokeAllInTransaction(UUID accountId) {
        return Panache.withTransaction(() -> revokeAll(accountId));
    }
}
