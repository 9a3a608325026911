package dev.chatsuite.messaging.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A socket's presence asks for the user's contacts: the answer is everyone who shares a
 * conversation, and the plan reads participants by key, never the whole table, whatever the
 * statistics say (a new database has none until it is analyzed).
 */
@QuarkusTest
class ContactsPlanTest {

    @Inject
    Pool pool;

    @Inject
    Participants participants;

    @Test
    void shouldFindEveryoneWhoSharesAConversationByKey() {
        UUID user = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        // 400 conversations of 10 strangers, then two of the user's: with a and b, and with a alone.
        pool.query("""
                WITH c AS (INSERT INTO conversation (id, type, title, created_by, created_at, updated_at)
                  SELECT gen_random_uuid(), 'group', 'crowd', gen_random_uuid(), now(), now() FROM generate_series(1, 400) RETURNING id)
                INSERT INTO participant (conversation_id, user_id, joined_at) SELECT id, gen_random_uuid(), now() FROM c, generate_series(1, 10)
                """).execute().await().indefinitely();
        for (UUID[] members : new UUID[][] {{user, a, b}, {user, a}}) {
            UUID conversation = UUID.randomUUID();
            pool.preparedQuery("INSERT INTO conversation (id, type, title, created_by, created_at, updated_at) VALUES ($1, 'group', 'mine', $2, now(), now())")
                    .execute(Tuple.of(conversation, user)).await().indefinitely();
            for (UUID member : members) {
                pool.preparedQuery("INSERT INTO participant (conversation_id, user_id, joined_at) VALUES ($1, $2, now())")
                        .execute(Tuple.of(conversation, member)).await().indefinitely();
            }
        }

        assertThat(participants.contacts(user).await().indefinitely()).containsExactlyInAnyOrder(a, b);
        assertThat(participants.contacts(UUID.randomUUID()).await().indefinitely()).isEmpty();
        String plan = pool.preparedQuery("EXPLAIN (FORMAT JSON) " + Participants.CONTACTS).execute(Tuple.of(user)).await().indefinitely()
                .iterator().next().getJsonArray(0).encode();
        assertThat(plan).contains("\"Relation Name\":\"participant\"").doesNotContain("Seq Scan");
    }
}
