package dev.chatsuite.messaging.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.messaging.fanout.MessageLog;
import dev.chatsuite.messaging.fanout.Publication;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@link MessageLog} on PostgreSQL: the rows a socket's order reads (positions at ready, gaps to fill). */
@ApplicationScoped
public class StoredMessageLog implements MessageLog {

    private static final String SELECT = "SELECT " + StoredMessage.columns("") + " FROM message m WHERE m.conversation_id = $1 ";
    /** Catch-up: the messages strictly between two seqs of one conversation. */
    static final String CREATED = SELECT + "AND m.seq > $2 AND m.seq < $3 ORDER BY m.seq LIMIT $4";
    /**
     * The last seq of each of the user's conversations, each read by its primary key ({@code OFFSET 0}:
     * never flattened into a join that, without fresh statistics, scans every conversation).
     */
    static final String POSITIONS = "SELECT p.conversation_id, c.last_seq FROM participant p CROSS JOIN LATERAL "
            + "(SELECT last_seq FROM conversation WHERE id = p.conversation_id OFFSET 0) c WHERE p.user_id = $1";
    private final Pool pool;
    private final MessageViews views;

    public StoredMessageLog(Pool pool, MessageViews views) {
        this.pool = pool;
        this.views = views;
    }

    @Override
    public Uni<Map<UUID, Long>> positions(UUID user) {
        return pool.preparedQuery(POSITIONS)
                .execute(Tuple.of(user))
                .map(rows -> {
                    Map<UUID, Long> positions = new HashMap<>(rows.size() * 2);
                    rows.forEach(r -> positions.put(r.getUUID("conversation_id"), r.getLong("last_seq")));
                    return positions;
                });
    }

    @Override
    public Uni<Long> joinedSeq(UUID conversation, UUID user) {
        return pool.preparedQuery("SELECT joined_seq FROM participant WHERE conversation_id = $1 AND user_id = $2")
                .execute(Tuple.of(conversation, user))
                .map(rows -> rows.size() == 0 ? -1L : rows.iterator().next().getLong("joined_seq"));
    }

    @Override
    public Uni<List<Publication>> created(UUID conversation, long after, long before, int limit) {
        return pool.preparedQuery(CREATED)
                .execute(Tuple.of(conversation, after, before, limit))
                .map(found -> {
                    List<Publication> publications = new ArrayList<>(found.size());
                    found.forEach(r -> publications.add(Events.created(views.of(StoredMessage.from(r, "")))));
                    return publications;
                });
    }
}
