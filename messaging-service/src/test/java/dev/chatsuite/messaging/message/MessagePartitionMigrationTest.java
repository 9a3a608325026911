package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.PostgresDatabases;
import dev.chatsuite.testsupport.TestEnvironment;

/**
 * V14 on a database holding messages: the service's own migrations up to V13 on a scratch
 * database, conversations with messages, edits, tombstones, replies, attachments and reactions
 * written as V13 stored them, then the rest. Every row comes through unchanged and partitioned.
 */
class MessagePartitionMigrationTest {

    private static final String DATABASE = PostgresDatabases.forCheckout("messaging_migration");
    private static final String MESSAGES = "SELECT conversation_id, seq, id, sender_id, body, attachments::text, client_message_id, created_at, "
            + "edited_at, deleted_at, reply_to_id, reply_to_seq, reply_to_sender, reply_excerpt, search::text FROM message "
            + "ORDER BY conversation_id, seq";
    private static final String REACTIONS = "SELECT id, message_id, user_id, emoji, created_at FROM reaction ORDER BY id";

    @Test
    void shouldKeepEveryMessageAndReactionAndSpreadConversationsOverSixteenPartitions() throws SQLException {
        PostgresDatabases.ensureExists(DATABASE);
        Flyway.configure().dataSource(PostgresDatabases.jdbcUrl(DATABASE), TestEnvironment.dbUser(), TestEnvironment.dbPassword())
                .locations("classpath:db/migration").cleanDisabled(false).load().clean();
        migrate("13");
        try (Connection db = PostgresDatabases.connect(DATABASE); Statement sql = db.createStatement()) {
            // 40 conversations of 1..25 messages: every 7th edited, every 9th a tombstone, every 4th a reply to the one
            // 3 before, every 5th with an attachment and a client id; reactions on every 3rd from two users.
            sql.execute("""
                    INSERT INTO conversation (id, type, title, created_by, created_at, updated_at, last_seq)
                      SELECT gen_random_uuid(), 'group', 'c' || n, gen_random_uuid(), now(), now(), 1 + n % 25 FROM generate_series(1, 40) n;
                    INSERT INTO participant (conversation_id, user_id, joined_at, last_activity)
                      SELECT id, gen_random_uuid(), now(), now() FROM conversation;
                    INSERT INTO message (id, conversation_id, seq, sender_id, body, attachments, client_message_id, created_at, edited_at, deleted_at)
                      SELECT gen_random_uuid(), c.id, s, p.user_id,
                             CASE WHEN s % 9 = 0 THEN '' ELSE c.title || ' says hello number ' || s END,
                             CASE WHEN s % 5 = 0 AND s % 9 <> 0 THEN jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'filename', 'f.png', 'contentType', 'image/png', 'size', s))
                                  ELSE '[]'::jsonb END,
                             CASE WHEN s % 5 = 0 THEN 'client-' || s END,
                             now() - (30 - s) * interval '1 minute',
                             CASE WHEN s % 7 = 0 THEN now() END,
                             CASE WHEN s % 9 = 0 THEN now() END
                      FROM conversation c JOIN participant p ON p.conversation_id = c.id, generate_series(1, c.last_seq) s;
                    UPDATE message r SET reply_to_id = o.id, reply_to_seq = o.seq, reply_to_sender = o.sender_id,
                                         reply_excerpt = left(o.body, 100)
                      FROM message o WHERE o.conversation_id = r.conversation_id AND o.seq = r.seq - 3 AND r.seq % 4 = 0;
                    UPDATE conversation c SET last_message_id = m.id FROM message m WHERE m.conversation_id = c.id AND m.seq = c.last_seq;
                    INSERT INTO reaction (message_id, user_id, emoji, created_at)
                      SELECT m.id, u, e, now() FROM message m, (VALUES (gen_random_uuid(), '👍'), (gen_random_uuid(), '🎉')) AS x (u, e)
                      WHERE m.seq % 3 = 0 AND m.deleted_at IS NULL;
                    """);
        }
        List<List<String>> messagesBefore = rows(MESSAGES);
        List<List<String>> reactionsBefore = rows(REACTIONS);
        Map<String, List<String>> seqsBefore = seqsByConversation();
        assertThat(messagesBefore).hasSize(count("SELECT sum(1 + n % 25) FROM generate_series(1, 40) n"));
        assertThat(reactionsBefore).isNotEmpty();
        assertThat(count("SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL")).isPositive();

        migrate(null);

        assertThat(rows(MESSAGES)).as("every message column, in (conversation, seq) order").isEqualTo(messagesBefore);
        assertThat(rows(REACTIONS)).as("every reaction, ids kept").isEqualTo(reactionsBefore);
        assertThat(seqsByConversation()).isEqualTo(seqsBefore);
        assertThat(count("SELECT count(*) FROM reaction r JOIN message m ON m.conversation_id = r.conversation_id AND m.id = r.message_id"))
                .as("each reaction names its message's conversation").isEqualTo(reactionsBefore.size());

        assertThat(rows("SELECT partstrat FROM pg_partitioned_table WHERE partrelid = 'message'::regclass")).containsExactly(List.of("h"));
        assertThat(count("SELECT count(*) FROM pg_inherits WHERE inhparent = 'message'::regclass")).isEqualTo(16);
        assertThat(count("SELECT count(*) FROM (SELECT conversation_id FROM message GROUP BY conversation_id HAVING count(DISTINCT tableoid) > 1) x"))
                .as("a conversation lives in one partition").isZero();
        assertThat(count("SELECT count(DISTINCT tableoid) FROM message")).as("40 conversations spread over partitions").isGreaterThan(4);
        assertThat(count("SELECT count(*) FROM message WHERE search @@ to_tsquery('english', 'hello') AND deleted_at IS NULL"))
                .as("the generated search column, recomputed").isEqualTo(count("SELECT count(*) FROM message WHERE body <> ''"));
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = 'message_unpartitioned'")).isZero();

        assertIntegrityKept();
    }

    /** The keys and foreign keys of V2 and V12 hold on the partitioned table. */
    private static void assertIntegrityKept() throws SQLException {
        try (Connection db = PostgresDatabases.connect(DATABASE); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.execute("INSERT INTO message (id, conversation_id, seq, sender_id, body, created_at) "
                    + "SELECT gen_random_uuid(), conversation_id, seq, sender_id, 'again', now() FROM message LIMIT 1"))
                    .as("(conversation_id, seq) unique").isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThatThrownBy(() -> sql.execute("INSERT INTO message (id, conversation_id, seq, sender_id, body, client_message_id, created_at) "
                    + "SELECT gen_random_uuid(), conversation_id, 1000, sender_id, 'again', client_message_id, now() FROM message "
                    + "WHERE client_message_id IS NOT NULL LIMIT 1"))
                    .as("(conversation_id, sender_id, client_message_id) unique")
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThatThrownBy(() -> sql.execute("INSERT INTO reaction (message_id, conversation_id, user_id, emoji, created_at) "
                    + "SELECT m.id, c.id, gen_random_uuid(), '👍', now() FROM message m, conversation c WHERE c.id <> m.conversation_id LIMIT 1"))
                    .as("a reaction's message must be in the conversation it names")
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));

            String doomed = rows("SELECT conversation_id FROM reaction LIMIT 1").get(0).get(0);
            int messages = count("SELECT count(*) FROM message");
            int inDoomed = count("SELECT count(*) FROM message WHERE conversation_id = '" + doomed + "'");
            int reactions = count("SELECT count(*) FROM reaction");
            int reactionsInDoomed = count("SELECT count(*) FROM reaction WHERE conversation_id = '" + doomed + "'");
            sql.execute("DELETE FROM conversation WHERE id = '" + doomed + "'");
            assertThat(count("SELECT count(*) FROM message")).as("messages cascade with their conversation").isEqualTo(messages - inDoomed);
            assertThat(count("SELECT count(*) FROM reaction")).as("and their reactions with them").isEqualTo(reactions - reactionsInDoomed);
        }
    }

    private static Map<String, List<String>> seqsByConversation() throws SQLException {
        Map<String, List<String>> seqs = new LinkedHashMap<>();
        for (List<String> row : rows("SELECT conversation_id, seq FROM message ORDER BY conversation_id, seq")) {
            seqs.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(row.get(1));
        }
        return seqs;
    }

    private static void migrate(String target) {
        var config = Flyway.configure().dataSource(PostgresDatabases.jdbcUrl(DATABASE), TestEnvironment.dbUser(), TestEnvironment.dbPassword())
                .locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    private static int count(String query) throws SQLException {
        return Integer.parseInt(rows(query).get(0).get(0));
    }

    private static List<List<String>> rows(String query) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection db = PostgresDatabases.connect(DATABASE); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
