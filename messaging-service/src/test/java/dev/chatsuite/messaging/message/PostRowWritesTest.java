package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** What a post writes in storage (reads the database, so not part of the packaged-jar IT). */
@QuarkusTest
class PostRowWritesTest {

    @Inject
    Pool pool;

    @Test
    void shouldRewriteOnlyTheSendersParticipantRowWhenPosting() {
        User alice = User.create();
        User bob = User.create();
        User carol = User.create();
        String conversation = Chat.group(alice, "rows", bob, carol);
        Map<UUID, String> before = rowVersions(conversation);

        Chat.posted(alice, conversation, "one write per post");

        // xmin changes exactly when a row is rewritten: members' rows stay as they were.
        Map<UUID, String> after = rowVersions(conversation);
        assertThat(after.get(bob.id())).isEqualTo(before.get(bob.id()));
        assertThat(after.get(carol.id())).isEqualTo(before.get(carol.id()));
        assertThat(after.get(alice.id())).isNotEqualTo(before.get(alice.id()));
            }

    private Map<UUID, String> rowVersions(String conversation) {
        Map<UUID, String> versions = new java.util.HashMap<>();
        for (Row row : pool.preparedQuery("SELECT user_id, xmin::text AS v FROM participant WHERE conversation_id = $1")
                .execute(Tuple.of(UUID.fromString(conversation))).await().indefinitely()) {
            versions.put(row.getUUID("user_id"), row.getString("v"));
        }
        return versions;
    }
}
