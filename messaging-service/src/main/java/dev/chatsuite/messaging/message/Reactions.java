package dev.chatsuite.messaging.message;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every query on reactions: the changes, and the counts that go into each {@code Message}. */
@ApplicationScoped
public class Reactions {

    /** Most distinct emoji on one message. */
    public static final int MAX_DISTINCT = 20;
    private final Pool pool;

    public Reactions(Pool pool) {
        this.pool = pool;
    }

    /** The message a reaction is about, as its reader may see it. */
    public record Target(UUID conversationId, long seq, boolean deleted) {
    }

    /** What a put did. */
    public enum Put {
        ADDED, ALREADY_THERE, TOO_MANY
    }

    /** The message a change was about, and what the change did (null outcome when the message is deleted). */
    public record Change<T>(Target target, T outcome) {
    }

    /**
     * Adds {@code user}'s reaction in one transaction that first locks the message row, so the
     * distinct-emoji count it checks cannot be passed by a concurrent put. Null item when the
     * message is not visible to {@code user}. The URL names the message only, so it is found by id in
     * every partition (see {@link MessageRepository#VISIBLE_TO}); the reaction then names its conversation.
     */
    public Uni<Change<Put>> put(UUID message, UUID user, String emoji, OffsetDateTime now) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT m.conversation_id, m.seq, m.deleted_at IS NOT NULL AS deleted FROM message m "
                        + "JOIN participant p ON p.conversation_id = m.conversation_id AND p.user_id = $2 WHERE m.id = $1 FOR NO KEY UPDATE OF m")
                .execute(Tuple.of(message, user))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    Target target = new Target(row.getUUID("conversation_id"), row.getLong("seq"), row.getBoolean("deleted"));
                    if (target.deleted()) {
                        return Uni.createFrom().item(new Change<>(target, (Put) null));
                    }
                    return tx.preparedQuery("WITH mine AS (SELECT 1 FROM reaction WHERE message_id = $1 AND emoji = $3 AND user_id = $2), "
                                    + "ins AS (INSERT INTO reaction (message_id, user_id, emoji, created_at, conversation_id) SELECT $1, $2, $3, $4, $6 "
                                    + "WHERE NOT EXISTS (SELECT 1 FROM mine) AND (EXISTS (SELECT 1 FROM reaction WHERE message_id = $1 AND emoji = $3) "
                                    + "OR (SELECT count(DISTINCT emoji) FROM reaction WHERE message_id = $1) < $5) RETURNING 1) "
                                    + "SELECT EXISTS (SELECT 1 FROM ins) AS added, EXISTS (SELECT 1 FROM mine) AS had")
                            .execute(Tuple.tuple().addUUID(message).addUUID(user).addString(emoji).addOffsetDateTime(now).addInteger(MAX_DISTINCT)
                                    .addUUID(target.conversationId()))
                            .map(result -> {
                                Row r = result.iterator().next();
                                Put put = r.getBoolean("added") ? Put.ADDED : r.getBoolean("had") ? Put.ALREADY_THERE : Put.TOO_MANY;
                                return new Change<>(target, put);
                            });
                }));
    }

    /** Removes {@code user}'s reaction; the outcome says whether there was one. Null item when the message is not visible. */
    public Uni<Change<Boolean>> remove(UUID message, UUID user, String emoji) {
        return pool.preparedQuery("WITH t AS (SELECT m.conversation_id, m.seq, m.deleted_at IS NOT NULL AS deleted FROM message m "
                        + "JOIN participant p ON p.conversation_id = m.conversation_id AND p.user_id = $2 WHERE m.id = $1), "
                        + "d AS (DELETE FROM reaction WHERE message_id = $1 AND user_id = $2 AND emoji = $3 AND EXISTS (SELECT 1 FROM t) RETURNING 1) "
                        + "SELECT t.conversation_id, t.seq, t.deleted, EXISTS (SELECT 1 FROM d) AS removed FROM t")
                .execute(Tuple.of(message, user, emoji))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Change<>(new Target(r.getUUID("conversation_id"), r.getLong("seq"), r.getBoolean("deleted")), r.getBoolean("removed"));
                });
    }

    /** The reactions of each message as {@code reader} sees them (counts, {@code me}), emoji ordered by first use. */
    public Uni<Map<UUID, List<ReactionView>>> of(Collection<UUID> messages, UUID reader) {
        return of(pool, messages, reader);
    }

    /** The same, read with {@code db} (the primary or the read replica). */
    public Uni<Map<UUID, List<ReactionView>>> of(SqlClient db, Collection<UUID> messages, UUID reader) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("SELECT message_id, emoji, count(*) AS n, bool_or(user_id = $2) AS me, min(id) AS first FROM reaction "
                        + "WHERE message_id = ANY($1) GROUP BY message_id, emoji ORDER BY message_id, first")
                .execute(Tuple.of(messages.toArray(UUID[]::new), reader))
                .map(rows -> {
                    Map<UUID, List<ReactionView>> found = new HashMap<>();
                    rows.forEach(r -> found.computeIfAbsent(r.getUUID("message_id"), k -> new ArrayList<>())
                            .add(new ReactionView(r.getString("emoji"), r.getLong("n"), r.getBoolean("me"))));
                    return found;
                });
    }

    /** Every reaction of one message, by user: what a frame for each recipient needs. */
    public Uni<Tally> tally(UUID message) {
        return pool.preparedQuery("SELECT emoji, user_id FROM reaction WHERE message_id = $1 ORDER BY id")
                .execute(Tuple.of(message))
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    Map<UUID, Set<String>> byUser = new HashMap<>();
                    rows.forEach(r -> {
                        counts.merge(r.getString("emoji"), 1L, Long::sum);
                        byUser.computeIfAbsent(r.getUUID("user_id"), k -> new LinkedHashSet<>()).add(r.getString("emoji"));
                    });
                    return new Tally(counts, byUser);
                });
    }

    /** A message's reactions: counts in order of first use, and each user's emoji. */
    public record Tally(Map<String, Long> counts, Map<UUID, Set<String>> byUser) {

        public List<ReactionView> seenBy(UUID reader) {
            Set<String> mine = byUser.getOrDefault(reader, Set.of());
            List<ReactionView> views = new ArrayList<>(counts.size());
            counts.forEach((emoji, n) -> views.add(new ReactionView(emoji, n, mine.contains(emoji))));
            return views;
        }

        /** The recipients grouped by the emoji they reacted with: one frame per group. */
        public Map<Set<String>, List<UUID>> groups(Collection<UUID> recipients) {
            Map<Set<String>, List<UUID>> groups = new HashMap<>();
            recipients.forEach(u -> groups.computeIfAbsent(byUser.getOrDefault(u, Set.of()), k -> new ArrayList<>()).add(u));
            return groups;
        }
    }
}
