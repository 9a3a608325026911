package dev.chatsuite.auth.token;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.auth.credential.Caller;
import dev.chatsuite.auth.credential.EndedSessionMarks;
import dev.chatsuite.auth.credential.Session;
import dev.chatsuite.auth.credential.Sessions;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** A user's own sessions: list them, end one, or end all but the current one. */
@ApplicationScoped
public class SessionService {

    public record Page(List<SessionView> items, String nextCursor) {
    }

    private final Sessions sessions;
    private final EndedSessionMarks endedSessions;

    public SessionService(Sessions sessions, EndedSessionMarks endedSessions) {
        this.sessions = sessions;
        this.endedSessions = endedSessions;
    }

    public Uni<Page> list(Caller caller, int limit, String cursor) {
        UUID before = cursor == null ? null : parseCursor(cursor);
        String query = before == null ? "accountId = ?1 and revokedAt is null order by id desc"
                : "accountId = ?1 and revokedAt is null and id < ?2 order by id desc";
        Object[] params = before == null ? new Object[] { caller.userId() } : new Object[] { caller.userId(), before };
        // range() is inclusive at both ends: limit + 1 rows, one of look-ahead for nextCursor.
        return Panache.withSession(() -> Session.<Session>find(query, params).range(0, limit).list())
                .map(found -> {
                    List<SessionView> items = found.stream().limit(limit)
                            .map(s -> new SessionView(s.id.toString(), Timestamps.format(s.createdAt), Timestamps.format(s.lastUsedAt),
                                    s.userAgent, s.ip, s.id.equals(caller.sessionId())))
                            .toList();
                    String next = found.size() > limit ? items.get(items.size() - 1).id() : null;
                    return new Page(items, next);
                });
    }

    public Uni<Void> end(Caller caller, UUID sessionId) {
        return Panache.withTransaction(() -> sessions.endOne(caller.userId(), sessionId))
                .invoke(ended -> {
                    if (ended.isEmpty()) {
                        throw ProblemException.notFound("No live session of yours has this id.");
                    }
                })
                .chain(endedSessions::publish);
    }

    public Uni<Void> endOthers(Caller caller) {
        return Panache.withTransaction(() -> sessions.endAllBut(caller.userId(), caller.sessionId()))
                .chain(endedSessions::publish);
    }

    private static UUID parseCursor(String cursor) {
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The cursor is not valid.", List.of(new FieldError("cursor", "Not a cursor from this list.")));
        }
    }
}
