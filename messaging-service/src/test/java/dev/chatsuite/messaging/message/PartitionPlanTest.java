package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements that read or change messages of one conversation plan to that conversation's
 * partition only: EXPLAIN (FORMAT JSON) of the repositories' own SQL names exactly one
 * message_pNN relation, and it is the one that holds the conversation's rows.
 */
@QuarkusTest
class PartitionPlanTest {

    private static final Pattern PARTITION = Pattern.compile("message_p\\d\\d");
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    @Inject
    Pool pool;

    private UUID conversation;
    private UUID sender;
    private UUID first;
    private String home;

    /** 12 conversations of 30 messages each, so several partitions hold rows; the first one is the subject. */
    @BeforeEach
    void conversations() {
        for (Row row : pool.query("""
                WITH c AS (INSERT INTO conversation (id, type, title, created_by, created_at, updated_at, last_seq)
                  SELECT gen_random_uuid(), 'group', 'plan', gen_random_uuid(), now(), now(), 30 FROM generate_series(1, 12) RETURNING id),
                p AS (INSERT INTO participant (conversation_id, user_id, joined_at)
                  SELECT id, gen_random_uuid(), now() FROM c RETURNING conversation_id, user_id),
                m AS (INSERT INTO message (id, conversation_id, seq, sender_id, body, created_at)
                  SELECT gen_random_uuid(), p.conversation_id, s, p.user_id, 'plan note ' || s, now() FROM p, generate_series(1, 30) s
                  RETURNING conversation_id, sender_id)
                SELECT DISTINCT conversation_id, sender_id FROM m""").execute().await().indefinitely()) {
            conversation = row.getUUID("conversation_id");
            sender = row.getUUID("sender_id");
        }
        pool.query("ANALYZE message").execute().await().indefinitely();
        Row row = pool.preparedQuery("SELECT id, tableoid::regclass::text AS part FROM message WHERE conversation_id = $1 AND seq = 1")
                .execute(Tuple.of(conversation)).await().indefinitely().iterator().next();
        first = row.getUUID("id");
        home = row.getString("part");
        assertThat(home).matches(PARTITION);
    }

    @Test
    void shouldReadHistoryFromOnePartition() {
        assertThat(partitions(MessageRepository.beforeSql(false), Tuple.of(conversation, 51))).containsExactly(home);
        assertThat(partitions(MessageRepository.beforeSql(true), Tuple.of(conversation, 51, 20L))).containsExactly(home);
        assertThat(partitions(MessageRepository.AFTER, Tuple.of(conversation, 51, 10L))).containsExactly(home);
    }

    @Test
    void shouldFillGapsFromOnePartition() {
        assertThat(partitions(StoredMessageLog.CREATED, Tuple.of(conversation, 3L, 17L, 100))).containsExactly(home);
    }

    @Test
    void shouldAllocateSeqAndInsertAReplyReadingOnePartition() {
        // The post: seq from the conversation row, the original of a reply read in its partition, the row routed on insert.
        Tuple reply = Tuple.tuple().addUUID(conversation).addOffsetDateTime(NOW).addUUID(UUID.randomUUID()).addUUID(sender).addString("re")
                .addValue(StoredMessage.attachmentsJson(List.of())).addString(null).addUUID(first);
        assertThat(partitions(MessageRepository.INSERT_REPLY, reply)).containsExactly(home);
        Tuple plain = Tuple.tuple().addUUID(conversation).addOffsetDateTime(NOW).addUUID(UUID.randomUUID()).addUUID(sender).addString("hi")
                .addValue(StoredMessage.attachmentsJson(List.of())).addString("c-1");
        assertThat(partitions(MessageRepository.INSERT, plain)).isSubsetOf(home);
    }

    @Test
    void shouldPlanAPlainPostOncePerConnection() {
        // Run as the service runs it (a prepared statement, cached per connection) more times than the server's
        // five custom plans before it weighs a generic one; from then on the post is not planned again.
        JsonObject plans = pool.withConnection(c -> {
            Uni<Void> posts = Uni.createFrom().voidItem();
            for (int i = 0; i < 8; i++) {
                Tuple plain = Tuple.tuple().addUUID(conversation).addOffsetDateTime(NOW).addUUID(UUID.randomUUID()).addUUID(sender)
                        .addString("plan " + i).addValue(StoredMessage.attachmentsJson(List.of())).addString("plan-" + i);
                posts = posts.chain(() -> c.preparedQuery(MessageRepository.INSERT).execute(plain).replaceWithVoid());
            }
            return posts.chain(() -> c.preparedQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1")
                    .execute(Tuple.of(MessageRepository.INSERT)));
        }).await().indefinitely().iterator().next().toJson();
        assertThat(plans.getLong("generic_plans")).as("posts run on the generic plan").isGreaterThanOrEqualTo(3);
        assertThat(plans.getLong("custom_plans")).as("custom plans before the generic one was chosen").isLessThanOrEqualTo(5);
        assertThat(pool.preparedQuery("SELECT count(*) FROM message WHERE conversation_id = $1 AND client_message_id LIKE 'plan-%'")
                .execute(Tuple.of(conversation)).await().indefinitely().iterator().next().getLong(0)).isEqualTo(8);
    }

    @Test
    void shouldEditAndDeleteInOnePartition() {
        assertThat(partitions(MessageRepository.EDIT, Tuple.of(conversation, first, "edited", NOW))).containsExactly(home);
        assertThat(partitions(MessageRepository.TOMBSTONE, Tuple.of(conversation, first, NOW))).containsExactly(home);
        assertThat(partitions(MessageRepository.EMPTY_EXCERPTS, Tuple.of(conversation, first))).containsExactly(home);
    }

    @Test
    void shouldPruneAtExecutorStartWithAGenericPlan() {
        // A prepared statement the server plans once for any conversation: the pruning happens when it runs.
        JsonArray plan = pool.withConnection(c -> c.query("SET plan_cache_mode = force_generic_plan").execute()
                .chain(() -> c.query("PREPARE history(uuid, int, bigint) AS " + MessageRepository.beforeSql(true)).execute())
                .chain(() -> c.query("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE history('" + conversation + "', 51, 20)").execute())
                // The pooled connection goes back as it came, whatever happened.
                .eventually(() -> c.query("DEALLOCATE history").execute().chain(() -> c.query("RESET plan_cache_mode").execute())))
                .await().indefinitely().iterator().next().getJsonArray(0);
        assertThat(plan.encode()).contains("\"Subplans Removed\":15");
        Set<String> found = new TreeSet<>();
        collect(plan, found);
        assertThat(found).containsExactly(home);
    }

    /** The message partitions an EXPLAIN (FORMAT JSON) of {@code sql} names. */
    private Set<String> partitions(String sql, Tuple args) {
        JsonArray plan = pool.preparedQuery("EXPLAIN (FORMAT JSON) " + sql).execute(args).await().indefinitely().iterator().next().getJsonArray(0);
        Set<String> found = new TreeSet<>();
        collect(plan, found);
        assertThat(plan.encode()).as("the plan reads messages or inserts one").contains("\"Relation Name\":\"message");
        return found;
    }

    private static void collect(Object node, Set<String> found) {
        if (node instanceof JsonArray array) {
            array.forEach(item -> collect(item, found));
        } else if (node instanceof JsonObject object) {
            object.forEach(entry -> {
                if (entry.getKey().equals("Relation Name") && PARTITION.matcher(String.valueOf(entry.getValue())).matches()) {
                    found.add((String) entry.getValue());
                }
                collect(entry.getValue(), found);
            });
        }
    }
}
