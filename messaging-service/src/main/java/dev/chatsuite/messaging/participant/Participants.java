package dev.chatsuite.messaging.participant;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who takes part where: the membership questions that messages, sockets and presence ask.
 * Its own package so that `message` and `conversation` need not import each other for them.
 */
@ApplicationScoped
public class Participants {

    /**
     * The members of each of the user's conversations, looked up by the primary key one
     * conversation at a time: {@code OFFSET 0} keeps the lateral subquery from being flattened
     * into a join, which without fresh statistics planned as a scan of the whole table
     * (7.8 ms at 12,000 rows, growing with it; this form 0.1 ms per conversation).
     */
    static final String CONTACTS = "SELECT DISTINCT m.user_id FROM participant p1 CROSS JOIN LATERAL "
            + "(SELECT p2.user_id FROM participant p2 WHERE p2.conversation_id = p1.conversation_id AND p2.user_id <> $1 OFFSET 0) m "
            + "WHERE p1.user_id = $1";
    private final Pool pool;

    public Participants(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> isParticipant(UUID conversation, UUID user) {
        return pool.preparedQuery("SELECT 1 FROM participant WHERE conversation_id = $1 AND user_id = $2")
                .execute(Tuple.of(conversation, user))
                .map(rows -> rows.size() > 0);
    }

    /** Everyone who shares a conversation with {@code user} (the audience of their presence). */
    public Uni<List<UUID>> contacts(UUID user) {
        return pool.preparedQuery(CONTACTS)
                .execute(Tuple.of(user))
                .map(Participants::userIds);
    }

    public Uni<List<UUID>> of(UUID conversation) {
        return pool.preparedQuery("SELECT user_id FROM participant WHERE conversation_id = $1")
                .execute(Tuple.of(conversation))
                .map(Participants::userIds);
    }

    private static List<UUID> userIds(RowSet<Row> rows) {
        List<UUID> users = new ArrayList<>(rows.size());
        rows.forEach(r -> users.add(r.getUUID("user_id")));
        return users;
    }
}
