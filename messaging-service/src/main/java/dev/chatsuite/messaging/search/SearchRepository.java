package dev.chatsuite.messaging.search;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.messaging.message.StoredMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The full-text query over the messages of a user's conversations. */
@ApplicationScoped
public class SearchRepository {

    static final String CONFIG = "'english'::regconfig";
    private final Pool pool;

    public SearchRepository(Pool pool) {
        this.pool = pool;
    }

    /** A match: the stored message, its conversation's title and ts_headline's output (with sentinels). */
    public record Found(StoredMessage message, String conversationTitle, String headline) {
    }

    /** Where a page starts: strictly older than (createdAt, id), and/or strictly before a time. */
    public record Filter(UUID conversation, OffsetDateTime afterCreatedAt, UUID afterId, OffsetDateTime before) {
    }

    /**
     * Up to {@code limit} matches, newest first, among the conversations {@code user} takes part
     * in now. Only the conditions asked for are in the statement, so each shape gets its own plan.
     */
    public Uni<List<Found>> search(UUID user, String query, Filter filter, int limit) {
        return pool.preparedQuery(sql(filter)).execute(args(user, query, filter, limit)).map(rows -> {
            List<Found> found = new ArrayList<>(rows.size());
            rows.forEach(r -> found.add(new Found(StoredMessage.from(r, ""), r.getString("conversation_title"), r.getString("headline"))));
            return found;
        });
    }

    static String sql(Filter filter) {
        StringBuilder where = new StringBuilder("p.user_id = $1 AND m.search @@ websearch_to_tsquery(" + CONFIG + ", $2) AND m.deleted_at IS NULL");
        int n = 6;
        if (filter.conversation() != null) {
            where.append(" AND m.conversation_id = $").append(n++);
        }
        if (filter.afterCreatedAt() != null) {
            where.append(" AND (m.created_at, m.id) < ($").append(n++).append("::timestamptz, $").append(n++).append("::uuid)");
        }
        if (filter.before() != null) {
            where.append(" AND m.created_at < $").append(n++);
        }
        // The headline is made for the page's rows only, after the limit.
        return "SELECT s.*, ts_headline(" + CONFIG + ", translate(s.body, $4, ''), websearch_to_tsquery(" + CONFIG + ", $2), $5) AS headline "
                + "FROM (SELECT " + StoredMessage.columns("") + ", c.title AS conversation_title "
                + "FROM participant p JOIN message m ON m.conversation_id = p.conversation_id JOIN conversation c ON c.id = m.conversation_id "
                + "WHERE " + where + " ORDER BY m.created_at DESC, m.id DESC LIMIT $3) s ORDER BY s.created_at DESC, s.id DESC";
    }

    static Tuple args(UUID user, String query, Filter filter, int limit) {
        Tuple args = Tuple.tuple().addUUID(user).addString(query).addInteger(limit).addString(Highlights.SENTINELS).addString(Highlights.OPTIONS);
        if (filter.conversation() != null) {
            args.addUUID(filter.conversation());
        }
        if (filter.afterCreatedAt() != null) {
            args.addOffsetDateTime(filter.afterCreatedAt()).addUUID(filter.afterId());
        }
        if (filter.before() != null) {
            args.addOffsetDateTime(filter.before());
        }
        return args;
    }
}
