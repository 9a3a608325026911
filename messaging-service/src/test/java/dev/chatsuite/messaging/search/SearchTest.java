package dev.chatsuite.messaging.search;

import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class SearchTest {

    @Inject
    Pool pool;

    private static Response search(User user, String q, Object... params) {
        var request = user.request().queryParam("q", q);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.get("/api/search/messages");
    }

    private static void bad(Response response, String field) {
        assertProblem(response, 400);
        assertFieldError(response, field);
    }

    private static JsonPath found(User user, String q, Object... params) {
        return search(user, q, params).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldAnswerNewestFirstInKeysetPages() {
        User alice = User.create();
        User bob = User.create();
        String direct = Chat.directId(alice, bob);
        String group = Chat.group(alice, "Fruit", bob);
        String first = Chat.posted(alice, direct, "an apple a day").getString("id");
        Chat.posted(bob, direct, "nothing to see here");
        String second = Chat.posted(bob, group, "Apples are red").getString("id");
        String third = Chat.posted(alice, direct, "one more APPLE").getString("id");

        JsonPath page = found(bob, "apple", "limit", 2);
        assertThat(page.getList("items.message.id", String.class)).containsExactly(third, second);
        assertThat(page.getList("items.conversationTitle")).containsExactly(null, "Fruit");
        assertThat(page.getString("items[1].message.conversationId")).isEqualTo(group);
        String cursor = page.getString("nextCursor");
        assertThat(cursor).isNotNull();
        JsonPath next = found(bob, "apple", "limit", 2, "cursor", cursor);
        assertThat(next.getList("items.message.id", String.class)).containsExactly(first);
        assertThat(next.getString("nextCursor")).isNull();

        JsonPath onlyDirect = found(bob, "apple", "conversationId", direct);
        assertThat(onlyDirect.getList("items.message.id", String.class)).containsExactly(third, first);
    }

    @Test
    void shouldMatchStemsAndQuotedPhrases() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        String running = Chat.posted(alice, conversation, "The dogs were running quickly").getString("id");
        String ran = Chat.posted(alice, conversation, "quickly, the cat runs").getString("id");

        assertThat(found(alice, "run", "limit", 10).getList("items.message.id", String.class)).containsExactly(ran, running);
        assertThat(found(alice, "dog").getList("items.message.id", String.class)).containsExactly(running);
        assertThat(found(alice, "\"running quickly\"").getList("items.message.id", String.class)).containsExactly(running);
        assertThat(found(alice, "\"quickly running\"").getList("items")).isEmpty();
        assertThat(found(alice, "run -cat").getList("items.message.id", String.class)).containsExactly(running);
        JsonPath hit = found(alice, "\"dogs running\"");
        assertThat(hit.getList("items")).isEmpty();
        assertThat(found(alice, "dog run").getString("items[0].highlight")).isEqualTo("The <mark>dogs</mark> were <mark>running</mark> quickly");
    }

    @Test
    void shouldNotSearchAConversationTheCallerLeftNorOneTheyWereNeverIn() {
        User alice = User.create();
        User bob = User.create();
        User carol = User.create();
        String group = Chat.group(alice, "Plans", bob, carol);
        Chat.posted(bob, group, "the surprise party is on friday");
        Chat.posted(carol, Chat.directId(carol, bob), "surprise for you too");
        assertThat(found(alice, "surprise").getList("items")).hasSize(1);

        alice.request().delete("/api/conversations/" + group + "/members/" + alice.id()).then().statusCode(204);

        assertThat(found(alice, "surprise").getList("items")).isEmpty();
        assertThat(found(bob, "surprise").getList("items")).hasSize(2);
        search(alice, "surprise", "conversationId", group).then().statusCode(404);
        search(User.create(), "surprise", "conversationId", group).then().statusCode(404);
    }

    @Test
    void shouldNeverMatchADeletedMessage() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        String kept = Chat.posted(alice, conversation, "the launch code is kept").getString("id");
        String gone = Chat.posted(alice, conversation, "the launch code is 1234").getString("id");
        alice.request().delete("/api/messages/" + gone).then().statusCode(204);

        assertThat(found(alice, "launch code").getList("items.message.id", String.class)).containsExactly(kept);
        assertThat(found(alice, "1234").getList("items")).isEmpty();
    }

    @Test
    void shouldEscapeEverythingButTheMarks() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        Chat.posted(alice, conversation, "<script>alert('x')</script> hello & \"bye\" <b>hello</b> \uE000hello\uE001");

        String highlight = found(alice, "hello").getString("items[0].highlight");

        assertThat(highlight).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark>hello</mark> &amp; &quot;bye&quot; "
                + "&lt;b&gt;<mark>hello</mark>&lt;/b&gt; <mark>hello</mark>");
        assertThat(highlight.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
    }

    @Test
    void shouldRefuseAnEmptyOrOverlongQuery() {
        User alice = User.create();
        bad(search(alice, "   "), "q");
        bad(alice.request().get("/api/search/messages"), "q");
        bad(search(alice, "a".repeat(201)), "q");
        search(alice, "😀".repeat(200)).then().statusCode(200);
        bad(search(alice, "x", "limit", 0), "limit");
        bad(search(alice, "x", "cursor", "nonsense!"), "cursor");
        bad(search(alice, "x", "before", "yesterday"), "before");
        assertThat(found(alice, "the").getList("items")).isEmpty();
    }

    @Test
    void shouldHonourBefore() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        JsonPath old = Chat.posted(alice, conversation, "pear tart");
        Chat.posted(alice, conversation, "pear pie");
        assertThat(found(alice, "pear", "before", old.getString("createdAt")).getList("items")).isEmpty();
        assertThat(found(alice, "pear", "before", "2999-01-01T00:00:00.000Z").getList("items")).hasSize(2);
    }

    @Test
    void shouldPlanOneConversationAtATimeFromTheCallersParticipantRows() {
        // Enough rows that the planner's choice means something: 50 conversations of 400 messages (about 3 per partition).
        UUID user = UUID.randomUUID();
        pool.query("""
                WITH c AS (INSERT INTO conversation (id, type, title, created_by, created_at, updated_at, last_seq)
                  SELECT gen_random_uuid(), 'group', 'bulk', gen_random_uuid(), now(), now(), 400 FROM generate_series(1, 50) RETURNING id),
                p AS (INSERT INTO participant (conversation_id, user_id, joined_at, last_activity)
                  SELECT id, gen_random_uuid(), now(), now() FROM c RETURNING conversation_id)
                INSERT INTO message (id, conversation_id, seq, sender_id, body, created_at)
                  SELECT gen_random_uuid(), p.conversation_id, s, gen_random_uuid(), 'bulk note about k' || ((s * 7919 + x) % 5000), now()
                  FROM (SELECT conversation_id, row_number() OVER () AS x FROM p) p, generate_series(1, 400) s""").execute().await().indefinitely();
        pool.preparedQuery("INSERT INTO participant (conversation_id, user_id, joined_at, last_activity) "
                + "SELECT id, $1, now(), now() FROM conversation WHERE title = 'bulk' LIMIT 2").execute(Tuple.of(user)).await().indefinitely();
        pool.query("ANALYZE message").execute().await().indefinitely();
        pool.query("ANALYZE participant").execute().await().indefinitely();

        SearchRepository.Filter filter = new SearchRepository.Filter(null, null, null, null);
        StringBuilder plan = new StringBuilder();
        for (Row row : pool.preparedQuery("EXPLAIN " + SearchRepository.sql(filter)).execute(SearchRepository.args(user, "k4242", filter, 21))
                .await().indefinitely()) {
            plan.append(row.getString(0)).append('\n');
        }

        // The caller's participant rows drive one index probe of one partition per conversation (the partition is chosen
        // as each loop runs, so the plan lists them all). With conversations this small the planner may probe the
        // (conversation_id, search) index or the (conversation_id, seq) one and filter by the query: either reads one
        // conversation's rows, never a partition or the table (runs on a fresh database chose both).
        assertThat(plan).containsPattern("Index Scan (on|using) message_p\\d\\d_")
                .containsPattern("\\(?conversation_id = [pc]\\.(conversation_)?id\\)")
                .contains("search @@")
                .contains("user_id = '" + user + "'").doesNotContain("Seq Scan on message");
    }
}
