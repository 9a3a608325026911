package dev.chatsuite.messaging.message;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.messaging.attachment.AttachmentRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every query on messages. */
@ApplicationScoped
public class MessageRepository {

    private static final String SELECT = "SELECT " + StoredMessage.columns("") + " FROM message m ";
    /** The end of both posts: the sender's read marker, and the seq with every recipient (see {@link #insert}). */
    private static final String AFTER_INSERT = "s AS (UPDATE participant SET last_read_seq = GREATEST(last_read_seq, (SELECT seq FROM m)) "
            // Only the sender's row changes (read up to their own message; an unindexed column, so a HOT update).
            + "WHERE conversation_id = $1 AND user_id = $4 AND EXISTS (SELECT 1 FROM m)), "
            + "p AS (SELECT user_id FROM participant WHERE conversation_id = $1 AND EXISTS (SELECT 1 FROM m)) "
            + "SELECT m.seq, m.reply_to_id, m.reply_to_seq, m.reply_to_sender, m.reply_excerpt, p.user_id FROM m, p";
    private static final String NEXT_SEQ = "c AS (UPDATE conversation SET last_seq = last_seq + 1, updated_at = $2, last_message_id = $3 "
            + "WHERE id = $1 AND EXISTS (SELECT 1 FROM participant WHERE conversation_id = $1 AND user_id = $4)";
    private static final String INSERT_COLUMNS = "INSERT INTO message (id, conversation_id, seq, sender_id, body, attachments, client_message_id, "
            + "created_at, reply_to_id, reply_to_seq, reply_to_sender, reply_excerpt) ";
    /**
     * A post that replies to nothing. Its own statement, with no reply parameter, so the server
     * plans it once per connection (a generic plan) instead of for every post: with a null
     * reply id in one shared statement it chose a fresh custom plan each time, a quarter of
     * PostgreSQL's CPU under load.
     */
    static final String INSERT = "WITH " + NEXT_SEQ + " RETURNING last_seq), "
            + "m AS (" + INSERT_COLUMNS
            + "SELECT $3::uuid, $1::uuid, c.last_seq, $4::uuid, $5::text, $6::jsonb, $7::text, $2::timestamptz, NULL::uuid, NULL::bigint, NULL::uuid, NULL::text "
            + "FROM c RETURNING seq, reply_to_id, reply_to_seq, reply_to_sender, reply_excerpt), " + AFTER_INSERT;
    /** A reply ({@code $8}): as {@link #INSERT}, and the original is read, only in the same conversation. */
    static final String INSERT_REPLY = "WITH r AS ("
            // The share lock makes a concurrent delete wait for this post, so the delete's later emptying of its replies'
            // excerpts sees this reply.
            + "SELECT o.id, o.seq, o.sender_id, CASE WHEN o.deleted_at IS NULL THEN left(o.body, " + ReplyTo.EXCERPT_CHARS + ") ELSE '' END AS excerpt "
            + "FROM message o WHERE o.id = $8 AND o.conversation_id = $1 FOR SHARE), "
            + NEXT_SEQ + " AND EXISTS (SELECT 1 FROM r) RETURNING last_seq), "
            + "m AS (" + INSERT_COLUMNS
            + "SELECT $3::uuid, $1::uuid, c.last_seq, $4::uuid, $5::text, $6::jsonb, $7::text, $2::timestamptz, r.id, r.seq, r.sender_id, r.excerpt "
            + "FROM c, r RETURNING seq, reply_to_id, reply_to_seq, reply_to_sender, reply_excerpt), " + AFTER_INSERT;
    /**
     * Several plain posts of one conversation in one statement (see {@link #insertAll}): $2..$6
     * are parallel arrays (id, sender, body, clientMessageId, created_at) in arrival order.
     */
    static final String INSERT_ALL = "WITH i AS (SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) "
            + "WITH ORDINALITY AS t(id, sender, body, client_id, at, ord)), "
            // Only senders who take part; their seqs follow arrival order.
            + "ok AS (SELECT i.id, i.sender, i.body, i.client_id, i.at, row_number() OVER (ORDER BY i.ord) AS n FROM i "
            + "WHERE EXISTS (SELECT 1 FROM participant p WHERE p.conversation_id = $1 AND p.user_id = i.sender)), "
            + "c AS (UPDATE conversation SET last_seq = last_seq + (SELECT count(*) FROM ok), updated_at = (SELECT max(at) FROM ok), "
            + "last_message_id = (SELECT id FROM ok ORDER BY n DESC LIMIT 1) "
            + "WHERE id = $1 AND EXISTS (SELECT 1 FROM ok) RETURNING last_seq - (SELECT count(*) FROM ok) AS base), "
            + "m AS (" + INSERT_COLUMNS + "SELECT ok.id, $1::uuid, c.base + ok.n, ok.sender, ok.body, '[]'::jsonb, ok.client_id, ok.at, "
            + "NULL::uuid, NULL::bigint, NULL::uuid, NULL::text FROM ok, c RETURNING id, seq, sender_id), "
            + "s AS (UPDATE participant p SET last_read_seq = GREATEST(p.last_read_seq, x.seq) "
            + "FROM (SELECT sender_id, max(seq) AS seq FROM m GROUP BY sender_id) x WHERE p.conversation_id = $1 AND p.user_id = x.sender_id), "
            + "r AS (SELECT user_id FROM participant WHERE conversation_id = $1 AND EXISTS (SELECT 1 FROM m)) "
            + "SELECT m.id, m.seq, NULL::uuid AS user_id FROM m UNION ALL SELECT NULL::uuid, NULL::bigint, r.user_id FROM r";

    /**
     * Plain posts of several conversations in one statement (see {@link #insertMany}): $1..$6 are
     * parallel arrays (conversation, id, sender, body, clientMessageId, created_at), each
     * conversation's posts in arrival order. The conversation rows are locked in id order first,
     * so two such statements never wait on each other in a cycle.
     */
    static final String INSERT_MANY = "WITH i AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) "
            + "WITH ORDINALITY AS t(conv, id, sender, body, client_id, at, ord)), "
            + "ok AS (SELECT i.conv, i.id, i.sender, i.body, i.client_id, i.at, row_number() OVER (PARTITION BY i.conv ORDER BY i.ord) AS n FROM i "
            + "WHERE EXISTS (SELECT 1 FROM participant p WHERE p.conversation_id = i.conv AND p.user_id = i.sender)), "
            + "g AS (SELECT ok.conv, count(*) AS cnt, max(ok.at) AS at, (array_agg(ok.id ORDER BY ok.n DESC))[1] AS last_id FROM ok GROUP BY ok.conv), "
            + "l AS (SELECT id FROM conversation WHERE id IN (SELECT conv FROM g) ORDER BY id FOR NO KEY UPDATE), "
            + "c AS (UPDATE conversation SET last_seq = last_seq + g.cnt, updated_at = g.at, last_message_id = g.last_id FROM g, l "
            + "WHERE conversation.id = g.conv AND l.id = g.conv RETURNING conversation.id, conversation.last_seq - g.cnt AS base), "
            + "m AS (" + INSERT_COLUMNS + "SELECT ok.id, ok.conv, c.base + ok.n, ok.sender, ok.body, '[]'::jsonb, ok.client_id, ok.at, "
            + "NULL::uuid, NULL::bigint, NULL::uuid, NULL::text FROM ok JOIN c ON c.id = ok.conv RETURNING id, conversation_id, seq, sender_id), "
            + "s AS (UPDATE participant p SET last_read_seq = GREATEST(p.last_read_seq, x.seq) "
            + "FROM (SELECT conversation_id, sender_id, max(seq) AS seq FROM m GROUP BY conversation_id, sender_id) x "
            + "WHERE p.conversation_id = x.conversation_id AND p.user_id = x.sender_id), "
            + "r AS (SELECT conversation_id, user_id FROM participant WHERE conversation_id IN (SELECT conversation_id FROM m)) "
            + "SELECT m.id, m.conversation_id, m.seq, NULL::uuid AS user_id FROM m UNION ALL SELECT NULL::uuid, r.conversation_id, NULL::bigint, r.user_id FROM r";

    /**
     * The one lookup by message id alone (/api/messages/{id} names no conversation): one probe of
     * each partition's message_id index. Everything after it names the conversation it found.
     */
    static final String VISIBLE_TO = SELECT + "JOIN participant p ON p.conversation_id = m.conversation_id AND p.user_id = $2 WHERE m.id = $1";
    static final String EDIT = "UPDATE message m SET body = $3, edited_at = $4 WHERE conversation_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING "
            + StoredMessage.columns("");
    static final String TOMBSTONE = "UPDATE message m SET body = '', attachments = '[]'::jsonb, deleted_at = $3 "
            + "WHERE conversation_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING " + StoredMessage.columns("");
    /** A reply is in its original's conversation (the insert checks it), so its partition too. */
    static final String EMPTY_EXCERPTS = "UPDATE message SET reply_excerpt = '' WHERE conversation_id = $1 AND reply_to_id = $2 AND reply_excerpt <> ''";
    static final String AFTER = SELECT + "WHERE m.conversation_id = $1 AND m.seq > $3 ORDER BY m.seq ASC LIMIT $2";
    private final Pool pool;

    public MessageRepository(Pool pool) {
        this.pool = pool;
    }

    /** A message stored, and every participant of its conversation (the recipients of its event). */
    public record Posted(StoredMessage message, List<UUID> participants) {
    }

    public Uni<Optional<StoredMessage>> byClientId(UUID conversation, UUID sender, String clientMessageId) {
        return pool.preparedQuery(SELECT + "WHERE m.conversation_id = $1 AND m.sender_id = $2 AND m.client_message_id = $3")
                .execute(Tuple.of(conversation, sender, clientMessageId))
                .map(rows -> first(rows));
    }

    /**
     * In one statement (so one round trip and its own transaction): takes the next seq from the
     * conversation row, whose lock orders concurrent posters and whose updated_at orders every
     * member's list, but only when the sender takes part; inserts the message; marks it read by
     * its sender; and answers every participant. Empty when the sender is not a participant. A clientMessageId used before
     * fails on its unique key and the whole statement, seq included, is undone.
     */
    public Uni<Optional<Posted>> insert(UUID id, UUID conversation, UUID sender, String body, List<AttachmentRecord> attachments,
            String clientMessageId, UUID replyToId, OffsetDateTime now) {
        Tuple args = Tuple.tuple().addUUID(conversation).addOffsetDateTime(now).addUUID(id).addUUID(sender).addString(body)
                .addValue(StoredMessage.attachmentsJson(attachments)).addString(clientMessageId);
        return pool.preparedQuery(replyToId == null ? INSERT : INSERT_REPLY)
                .execute(replyToId == null ? args : args.addUUID(replyToId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<Posted>empty();
                    }
                    List<UUID> participants = new ArrayList<>(rows.size());
                    long seq = 0;
                    ReplyTo replyTo = null;
                    for (Row row : rows) {
                        seq = row.getLong("seq");
                        replyTo = StoredMessage.replyTo(row, "");
                        participants.add(row.getUUID("user_id"));
                    }
                    return Optional.of(new Posted(
                            new StoredMessage(id, conversation, seq, sender, body, attachments, clientMessageId, now, null, null, replyTo), participants));
                });
    }

    /** A plain post waiting for its seq: no attachments, no reply. */
    public record Draft(UUID id, UUID sender, String body, String clientMessageId, OffsetDateTime createdAt) {
    }

    /**
     * Stores {@code drafts} of one conversation in one statement and one transaction: seqs in
     * the drafts' order, one conversation row update, each sender's read marker. Answers what
     * was stored by draft id; a draft whose sender does not take part is left out. A
     * clientMessageId used before fails the whole statement (the caller then posts one by one).
     */
    public Uni<Map<UUID, Posted>> insertAll(UUID conversation, List<Draft> drafts) {
        List<Lane> lane = List.of(new Lane(conversation, drafts));
        return pool.preparedQuery(INSERT_ALL)
                .execute(DraftColumns.of(lane).addDrafts(Tuple.tuple().addUUID(conversation)))
                .map(rows -> {
                    Map<UUID, Long> seqs = new HashMap<>();
                    List<UUID> participants = new ArrayList<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID("id");
                        if (id != null) {
                            seqs.put(id, row.getLong("seq"));
                        } else {
                            participants.add(row.getUUID("user_id"));
                        }
                    }
                    return stored(lane, seqs, Map.of(conversation, participants));
                });
    }

    /** The waiting plain posts of one conversation, in arrival order. */
    public record Lane(UUID conversation, List<Draft> drafts) {
    }

    /**
     * Stores the posts of several conversations in one statement and one transaction, each
     * conversation as {@link #insertAll} would. Answers what was stored by draft id. A
     * clientMessageId used before fails the whole statement (the caller then stores each
     * conversation alone).
     */
    public Uni<Map<UUID, Posted>> insertMany(List<Lane> lanes) {
        DraftColumns columns = DraftColumns.of(lanes);
        return pool.preparedQuery(INSERT_MANY)
                .execute(columns.addDrafts(Tuple.tuple().addArrayOfUUID(columns.conversations())))
                .map(rows -> {
                    Map<UUID, Long> seqs = new HashMap<>();
                    Map<UUID, List<UUID>> participants = new HashMap<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID("id");
                        if (id != null) {
                            seqs.put(id, row.getLong("seq"));
                        } else {
                            participants.computeIfAbsent(row.getUUID("conversation_id"), c -> new ArrayList<>()).add(row.getUUID("user_id"));
                        }
                    }
                    return stored(lanes, seqs, participants);
                });
    }

    /** The drafts of {@code lanes} as the parallel arrays {@link #INSERT_ALL} and {@link #INSERT_MANY} unnest, in lane order. */
    private record DraftColumns(UUID[] conversations, UUID[] ids, UUID[] senders, String[] bodies, String[] clientIds, OffsetDateTime[] at) {

        static DraftColumns of(List<Lane> lanes) {
            int n = lanes.stream().mapToInt(l -> l.drafts().size()).sum();
            DraftColumns c = new DraftColumns(new UUID[n], new UUID[n], new UUID[n], new String[n], new String[n], new OffsetDateTime[n]);
            int i = 0;
            for (Lane lane : lanes) {
                for (Draft d : lane.drafts()) {
                    c.conversations[i] = lane.conversation();
                    c.ids[i] = d.id();
                    c.senders[i] = d.sender();
                    c.bodies[i] = d.body();
                    c.clientIds[i] = d.clientMessageId();
                    c.at[i] = d.createdAt();
                    i++;
                }
            }
            return c;
        }

        /** Appends id, sender, body, clientMessageId and created_at. */
        Tuple addDrafts(Tuple tuple) {
            return tuple.addArrayOfUUID(ids).addArrayOfUUID(senders).addArrayOfString(bodies).addArrayOfString(clientIds).addArrayOfOffsetDateTime(at);
        }
    }

    /** Each draft that got a seq, as stored, with its conversation's recipients; a draft left out has none. */
    private static Map<UUID, Posted> stored(List<Lane> lanes, Map<UUID, Long> seqs, Map<UUID, List<UUID>> participants) {
        Map<UUID, Posted> stored = new HashMap<>();
        for (Lane lane : lanes) {
            List<UUID> recipients = List.copyOf(participants.getOrDefault(lane.conversation(), List.of()));
            for (Draft d : lane.drafts()) {
                Long seq = seqs.get(d.id());
                if (seq != null) {
                    stored.put(d.id(), new Posted(new StoredMessage(d.id(), lane.conversation(), seq, d.sender(), d.body(), List.of(),
                            d.clientMessageId(), d.createdAt(), null, null, null), recipients));
                }
            }
        }
        return stored;
    }

    /** A message, only if {@code reader} takes part in its conversation. */
    public Uni<Optional<StoredMessage>> visibleTo(UUID message, UUID reader) {
        return pool.preparedQuery(VISIBLE_TO)
                .execute(Tuple.of(message, reader))
                .map(MessageRepository::first);
    }

    public Uni<Optional<StoredMessage>> edit(UUID conversation, UUID message, String body, OffsetDateTime now) {
        return pool.preparedQuery(EDIT)
                .execute(Tuple.of(conversation, message, body, now))
                .map(MessageRepository::first);
    }

    /**
     * Leaves a tombstone (same id and seq, no body, no attachments, no reactions), then empties
     * the excerpts of its replies. Two statements in one transaction: the second's snapshot, taken after the
     * first got its row lock, includes a reply whose post held that lock.
     */
    public Uni<Optional<StoredMessage>> tombstone(UUID conversation, UUID message, OffsetDateTime now) {
        return pool.withTransaction(tx -> tx.preparedQuery(TOMBSTONE)
                .execute(Tuple.of(conversation, message, now))
                .map(MessageRepository::first)
                .call(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                        : tx.preparedQuery(EMPTY_EXCERPTS)
                                .execute(Tuple.of(conversation, message))
                                .chain(() -> tx.preparedQuery("DELETE FROM reaction WHERE message_id = $1").execute(Tuple.of(message)))
                                .replaceWithVoid()));
    }

    /**
     * Up to {@code limit + 1} messages before {@code seq} (newest first), or the newest ones when {@code seq} is null,
     * read with {@code db} (the primary or the read replica).
     */
    public Uni<List<StoredMessage>> before(SqlClient db, UUID conversation, Long seq, int limit) {
        Tuple args = seq == null ? Tuple.of(conversation, limit + 1) : Tuple.of(conversation, limit + 1, seq);
        return db.preparedQuery(beforeSql(seq != null))
                .execute(args)
                .map(rows -> {
                    List<StoredMessage> list = all(rows);
                    Collections.reverse(list);
                    return list;
                });
    }

    /** Up to {@code limit + 1} messages after {@code seq}, oldest first, read with {@code db}. */
    public Uni<List<StoredMessage>> after(SqlClient db, UUID conversation, long seq, int limit) {
        return db.preparedQuery(AFTER)
                .execute(Tuple.of(conversation, limit + 1, seq))
                .map(MessageRepository::all);
    }

    /** The newest page ($1 conversation, $2 limit), or the page before seq $3 when {@code bounded}. */
    static String beforeSql(boolean bounded) {
        return SELECT + "WHERE m.conversation_id = $1" + (bounded ? " AND m.seq < $3" : "") + " ORDER BY m.seq DESC LIMIT $2";
    }

    /** Moves the reader's marker forward (never back, never past the last message); empty when not a participant. */
    public Uni<Optional<Long>> markRead(UUID conversation, UUID reader, long seq) {
        return pool.preparedQuery("UPDATE participant p SET last_read_seq = GREATEST(p.last_read_seq, LEAST($3, c.last_seq)) "
                        + "FROM conversation c WHERE c.id = p.conversation_id AND p.conversation_id = $1 AND p.user_id = $2 RETURNING p.last_read_seq")
                .execute(Tuple.of(conversation, reader, seq))
                .map(rows -> rows.size() == 0 ? Optional.<Long>empty() : Optional.of(rows.iterator().next().getLong("last_read_seq")));
    }

    private static Optional<StoredMessage> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(StoredMessage.from(rows.iterator().next(), ""));
    }

    private static List<StoredMessage> all(RowSet<Row> rows) {
        List<StoredMessage> list = new ArrayList<>(rows.size());
        rows.forEach(r -> list.add(StoredMessage.from(r, "")));
        return list;
    }
}
