package dev.chatsuite.messaging.conversation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.messaging.message.StoredMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every query on conversations and participants. */
@ApplicationScoped
public class ConversationRepository {

    private static final String SELECT = "SELECT c.id, c.type, c.title, c.created_at, c.updated_at, c.last_seq, "
            + "p.last_read_seq, " + StoredMessage.columns("m_")
            + " FROM participant p JOIN conversation c ON c.id = p.conversation_id"
            // The conversation id prunes each probe to the conversation's partition.
            + " LEFT JOIN message m ON m.conversation_id = c.id AND m.id = c.last_message_id ";
    private final Pool pool;

    public ConversationRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts the direct conversation of a pair unless it exists; the unique {@code direct_key}
     * decides races, so concurrent calls all end with the one row. True when this call created it.
     */
    public Uni<Boolean> createDirect(UUID id, String directKey, UUID tenant, UUID creator, List<UUID> members, OffsetDateTime now) {
        return pool.withTransaction(conn -> conn
                .preparedQuery("INSERT INTO conversation (id, type, tenant_id, direct_key, created_by, created_at, updated_at) "
                        + "VALUES ($1, 'direct', $2, $3, $4, $5, $5) ON CONFLICT (direct_key) DO NOTHING RETURNING id")
                .execute(Tuple.of(id, tenant, directKey, creator, now))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false)
                        : addParticipants(conn, id, members, now).replaceWith(true)));
    }

    public Uni<Optional<UUID>> directByKey(String directKey) {
        return pool.preparedQuery("SELECT id FROM conversation WHERE direct_key = $1")
                .execute(Tuple.of(directKey))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
    }

    public Uni<Void> createGroup(UUID id, String title, UUID tenant, UUID creator, List<UUID> members, OffsetDateTime now) {
        return pool.withTransaction(conn -> conn
                .preparedQuery("INSERT INTO conversation (id, type, title, tenant_id, created_by, created_at, updated_at) "
                        + "VALUES ($1, 'group', $2, $3, $4, $5, $5)")
                .execute(Tuple.of(id, title, tenant, creator, now))
                .chain(() -> addParticipants(conn, id, members, now))
                .replaceWithVoid());
    }

    /** Adds members (existing ones are left as they are); answers how many were new. */
    public Uni<Integer> addParticipants(UUID conversation, List<UUID> members, OffsetDateTime now) {
        return pool.withTransaction(conn -> addParticipants(conn, conversation, members, now));
    }

    private static Uni<Integer> addParticipants(SqlClient conn, UUID conversation, List<UUID> members, OffsetDateTime now) {
        UUID[] users = members.toArray(UUID[]::new);
        return conn.preparedQuery("INSERT INTO participant (conversation_id, user_id, joined_at, joined_seq) "
                        + "SELECT $1, u, $3, c.last_seq FROM unnest($2::uuid[]) AS u, conversation c WHERE c.id = $1 "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(conversation, users, now))
                .map(rows -> rows.rowCount());
    }

    public Uni<Boolean> removeParticipant(UUID conversation, UUID user) {
        return pool.preparedQuery("DELETE FROM participant WHERE conversation_id = $1 AND user_id = $2")
                .execute(Tuple.of(conversation, user))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Long> countParticipants(UUID conversation) {
        return pool.preparedQuery("SELECT count(*) AS n FROM participant WHERE conversation_id = $1")
                .execute(Tuple.of(conversation))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** One conversation as {@code reader} sees it; empty when they do not take part. */
    public Uni<Optional<StoredConversation>> visibleTo(UUID conversation, UUID reader) {
        return pool.preparedQuery(SELECT + "WHERE p.user_id = $1 AND p.conversation_id = $2")
                .execute(Tuple.of(reader, conversation))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<StoredConversation>empty());
                    }
                    StoredConversation found = from(rows.iterator().next());
                    return withParticipants(List.of(found)).map(list -> Optional.of(list.get(0)));
                });
    }

    /**
     * Up to {@code limit + 1} of the reader's conversations, most recent activity (the
     * conversation's updated_at, moved by every post) first, after the keyset position
     * (activity, id) when given, and one more query for all participants of the page. It sorts
     * the reader's conversations: cheap for the hundreds a user has; a post writes one row.
     * Read with {@code db}: the primary or the read replica.
     */
    public Uni<List<StoredConversation>> page(SqlClient db, UUID reader, OffsetDateTime afterActivity, UUID afterId, int limit) {
        String keyset = afterActivity == null ? "" : "AND (c.updated_at, c.id) < ($3, $4) ";
        Tuple args = afterActivity == null ? Tuple.of(reader, limit + 1) : Tuple.of(reader, limit + 1, afterActivity, afterId);
        return db.preparedQuery(SELECT + "WHERE p.user_id = $1 " + keyset + "ORDER BY c.updated_at DESC, c.id DESC LIMIT $2")
                .execute(args)
                .chain(rows -> {
                    List<StoredConversation> list = new ArrayList<>(rows.size());
                    rows.forEach(r -> list.add(from(r)));
                    return withParticipants(db, list);
                });
    }

    private Uni<List<StoredConversation>> withParticipants(List<StoredConversation> conversations) {
        return withParticipants(pool, conversations);
    }

    private static Uni<List<StoredConversation>> withParticipants(SqlClient db, List<StoredConversation> conversations) {
        if (conversations.isEmpty()) {
            return Uni.createFrom().item(conversations);
        }
        UUID[] ids = conversations.stream().map(StoredConversation::id).toArray(UUID[]::new);
        return db.preparedQuery("SELECT conversation_id, user_id FROM participant WHERE conversation_id = ANY($1) ORDER BY joined_at, user_id")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<UUID, List<UUID>> members = new HashMap<>();
                    rows.forEach(r -> members.computeIfAbsent(r.getUUID("conversation_id"), k -> new ArrayList<>()).add(r.getUUID("user_id")));
                    return conversations.stream().map(c -> c.withParticipants(members.getOrDefault(c.id(), List.of()))).toList();
                });
    }

    private static StoredConversation from(Row row) {
        return new StoredConversation(row.getUUID("id"), row.getString("type"), row.getString("title"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"), row.getLong("last_seq"), row.getLong("last_read_seq"), row.getOffsetDateTime("updated_at"),
                StoredMessage.from(row, "m_"), List.of());
    }
}
