package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.message.PostWire.Answer;
import dev.chatsuite.messaging.message.PostWire.Request;

/** The forwarded post and its answer read back exactly as written, whatever the free texts hold; anything else reads as null. */
class PostWireTest {

    private final UUID from = UUID.randomUUID();
    private final UUID conversation = UUID.randomUUID();
    private final UUID id = UUID.randomUUID();
    private final UUID sender = UUID.randomUUID();
    private final OffsetDateTime at = OffsetDateTime.of(2026, 12, 5, 11, 42, 7, 123_456_789, ZoneOffset.UTC);

    private Request request(String body, String clientMessageId, OffsetDateTime createdAt) {
        return new Request(9_007_199_254_740_993L, from, conversation, id, sender, body, clientMessageId, createdAt);
    }

    @Test
    void shouldReadARequestBackExactly() {
        Request sent = request("hello", "client-1", at);

        String wire = PostWire.encode(sent);

        assertThat(wire).startsWith("R9007199254740993|" + from + "|" + conversation + "|");
        assertThat(PostWire.request(wire)).isEqualTo(sent);
    }

    @Test
    void shouldKeepBarsNewlinesDigitsAndEmojiInTheBodyAndTheClientMessageId() {
        Request sent = request("|a|b|\n42|\u00e9 \uD83D\uDE00 |", "7|x|", at);

        assertThat(PostWire.request(PostWire.encode(sent))).isEqualTo(sent);
    }

    @Test
    void shouldTellAMissingClientMessageIdFromAnEmptyOne() {
        Request none = request("-1|body", null, at);
        Request empty = request("body", "", at);

        assertThat(PostWire.request(PostWire.encode(none))).isEqualTo(none);
        assertThat(PostWire.request(PostWire.encode(none)).clientMessageId()).isNull();
        assertThat(PostWire.request(PostWire.encode(empty)).clientMessageId()).isEmpty();
    }

    @Test
    void shouldKeepAnInstantAndItsOffset() {
        OffsetDateTime beforeEpoch = OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 1, ZoneOffset.ofHoursMinutes(-9, -30));
        Request sent = request("", "c", beforeEpoch);

        Request read = PostWire.request(PostWire.encode(sent));

        assertThat(read.createdAt()).isEqualTo(beforeEpoch);
        assertThat(read.createdAt().getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(-9, -30));
        assertThat(read.body()).isEmpty();
    }

    @Test
    void shouldReadAnAnswerWithItsSeqAndRecipientsInOrder() {
        List<UUID> recipients = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Answer sent = new Answer(3, 120L, recipients, null);

        Answer read = PostWire.answer(PostWire.encode(sent));

        assertThat(read).isEqualTo(sent);
        assertThat(read.recipients()).containsExactlyElementsOf(recipients);
    }

    @Test
    void shouldReadAnAnswerOfNoParticipantAndAFailure() {
        Answer notTakingPart = new Answer(4, null, null, null);
        Answer duplicate = new Answer(5, null, null, "23505");

        assertThat(PostWire.answer(PostWire.encode(notTakingPart))).isEqualTo(notTakingPart);
        assertThat(PostWire.answer(PostWire.encode(duplicate))).isEqualTo(duplicate);
    }

    @Test
    void shouldReadAnythingElseAsNull() {
        String request = PostWire.encode(request("body", "c", at));
        String answer = PostWire.encode(new Answer(3, 120L, List.of(UUID.randomUUID()), null));

        assertThat(PostWire.request("")).isNull();
        assertThat(PostWire.request(answer)).isNull();
        assertThat(PostWire.answer(request)).isNull();
        assertThat(PostWire.request("R1|not-a-uuid")).isNull();
        assertThat(PostWire.request(request.replaceFirst("\\|1\\|c", "|500|c"))).isNull();
        assertThat(PostWire.request(request.substring(0, 60))).isNull();
        assertThat(PostWire.request(request.replaceFirst("\\|1\\|c", "|-2|c"))).isNull();
        assertThat(PostWire.answer(answer.substring(0, answer.length() - 1))).isNull();
        assertThat(PostWire.answer("A3||x|" + UUID.randomUUID())).isNull();
        assertThat(PostWire.answer("A3|x||")).isNull();
        assertThat(PostWire.answer("{\"q\":3}")).isNull();
    }
}
