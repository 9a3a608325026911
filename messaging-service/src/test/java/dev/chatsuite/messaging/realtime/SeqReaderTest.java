package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqReaderTest {

    @Test
    void shouldReadTheConversationAndSeqOfACreatedMessage() {
        SeqReader.Position position = SeqReader.read("{\"type\":\"message.created\",\"message\":{\"id\":\"m1\",\"conversationId\":\"c1\","
                + "\"seq\":42,\"senderId\":\"u1\",\"body\":\"\\\"seq\\\":7\",\"attachments\":[{\"id\":\"a\"}]}}");

        assertThat(position).isEqualTo(new SeqReader.Position("c1", 42));
    }

    @Test
    void shouldReadTheFieldsInAnyOrderAndSkipNestedValues() {
        SeqReader.Position position = SeqReader.read("{\"message\":{\"attachments\":[{\"seq\":1,\"conversationId\":\"x\"}],"
                + "\"seq\":3,\"conversationId\":\"c2\"},\"type\":\"message.created\"}");

        assertThat(position).isEqualTo(new SeqReader.Position("c2", 3));
    }

    @Test
    void shouldAnswerNullForAnEventWithoutAPosition() {
        assertThat(SeqReader.read("{\"type\":\"message.created\",\"message\":{\"id\":\"m1\"}}")).isNull();
        assertThat(SeqReader.read("not json")).isNull();
    }
}
