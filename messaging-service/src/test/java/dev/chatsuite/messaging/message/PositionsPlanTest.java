package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A socket's baseline at {@code ready}: the last seq of each of the user's conversations, with
 * each conversation read by its key, never a scan of all conversations, whatever the statistics say.
 */
@QuarkusTest
class PositionsPlanTest {

    @Inject
    Pool pool;

    @Inject
    StoredMessageLog log;

    @Test
    void shouldReadEachConversationOfTheUserByKey() {
        UUID user = UUID.randomUUID();
        // 2,000 conversations of 5 strangers each beside the user's two.
        pool.query("""
                WITH c AS (INSERT INTO conversation (id, type, title, created_by, created_at, updated_at, last_seq)
                  SELECT gen_random_uuid(), 'group', 'crowd', gen_random_uuid(), now(), now(), 5 FROM generate_series(1, 2000) RETURNING id)
                INSERT INTO participant (conversation_id, user_id, joined_at) SELECT id, gen_random_uuid(), now() FROM c, generate_series(1, 5)
                """).execute().await().indefinitely();
        UUID seven = UUID.randomUUID();
        UUID none = UUID.randomUUID();
        for (var conversation : Map.of(seven, 7L, none, 0L).entrySet()) {
            pool.preparedQuery("INSERT INTO conversation (id, type, title, created_by, created_at, updated_at, last_seq) "
                    + "VALUES ($1, 'group', 'mine', $2, now(), now(), $3)").execute(Tuple.of(conversation.getKey(), user, conversation.getValue()))
                    .await().indefinitely();
            pool.preparedQuery("INSERT INTO participant (conversation_id, user_id, joined_at) VALUES ($1, $2, now())")
                    .execute(Tuple.of(conversation.getKey(), user)).await().indefinitely();
        }

        assertThat(log.positions(user).await().indefinitely()).containsExactlyInAnyOrderEntriesOf(Map.of(seven, 7L, none, 0L));
        String plan = pool.preparedQuery("EXPLAIN (FORMAT JSON) " + StoredMessageLog.POSITIONS).execute(Tuple.of(user)).await().indefinitely()
                .iterator().next().getJsonArray(0).encode();
        assertThat(plan).contains("\"Relation Name\":\"conversation\"").doesNotContain("Seq Scan");
    }
}
