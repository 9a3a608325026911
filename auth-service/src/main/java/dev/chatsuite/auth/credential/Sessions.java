package dev.chatsuite.auth.credential;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The one place where sessions (refresh-token families) end. Each method runs in the caller's
 * transaction and answers the ids it ended, for {@link EndedSessionMarks} to publish once that
 * transaction has committed.
 */
@ApplicationScoped
public class Sessions {

    /** Ends every live session of an account: after a password change or reset, or when an admin disables it. */
    public Uni<List<UUID>> endAll(UUID accountId) {
        return ended("update session set revoked_at = now() where account_id = ?1 and revoked_at is null returning id",
                accountId, null);
    }

    /** Ends every live session of an account but {@code kept} ("end my other sessions"). */
    public Uni<List<UUID>> endAllBut(UUID accountId, UUID kept) {
        return ended("update session set revoked_at = now() where account_id = ?1 and revoked_at is null and id <> ?2 returning id",
                accountId, kept);
    }

    /** Ends one session of an account; an empty list when it has no such live session. */
    public Uni<List<UUID>> endOne(UUID accountId, UUID sessionId) {
        return ended("update session set revoked_at = now() where account_id = ?1 and revoked_at is null and id = ?2 returning id",
                accountId, sessionId);
    }

    /** Ends a session whatever its account (logout, refresh-token reuse); an empty list when it had ended already. */
    public Uni<List<UUID>> end(UUID sessionId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update session set revoked_at = now() where id = ?1 and revoked_at is null returning id", UUID.class)
                .setParameter(1, sessionId)
                .getResultList());
    }

    private static Uni<List<UUID>> ended(String sql, UUID accountId, UUID other) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, UUID.class).setParameter(1, accountId);
            if (other != null) {
                query.setParameter(2, other);
            }
            return query.getResultList();
        });
    }
}
