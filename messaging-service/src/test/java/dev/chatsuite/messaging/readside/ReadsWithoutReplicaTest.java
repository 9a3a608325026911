package dev.chatsuite.messaging.readside;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Without DB_READ_HOST: no second pool, nothing remembered per write, every read on the primary. */
@QuarkusTest
class ReadsWithoutReplicaTest {

    @Inject
    ReadPools pools;
    @Inject
    Reads reads;
    @Inject
    Pool primary;

    @Test
    void shouldReadEverythingFromThePrimaryAndRememberNothing() {
        assertThat(pools.replica()).isEmpty();
        assertThat(reads.replicated()).isFalse();
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String id = Chat.posted(alice, conversation, "one").getString("id");
        alice.request().body(java.util.Map.of("body", "edited")).patch("/api/messages/" + id).then().statusCode(200);

        assertThat(reads.usersFenced()).isZero();
        assertThat(reads.history(alice.id(), java.util.UUID.fromString(conversation), db -> io.smallrye.mutiny.Uni.createFrom().item(db))
                .await().indefinitely()).isSameAs(primary);
        assertThat(reads.conversations(bob.id(), db -> io.smallrye.mutiny.Uni.createFrom().item(db)).await().indefinitely()).isSameAs(primary);
        assertThat(bob.request().get("/api/conversations/" + conversation + "/messages").then().statusCode(200)
                .extract().jsonPath().getList("items.body", String.class)).containsExactly("edited");
    }
}
