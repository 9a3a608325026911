package dev.chatsuite.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class PublicationTest {

    @Test
    void shouldSurviveTheWireUnchanged() {
        UUID conversation = UUID.randomUUID();
        for (Publication p : new Publication[] { Publication.created(conversation, 42, "{\"type\":\"message.created\",\"x\":\"a|b\"}"),
                Publication.changed(conversation, 7, "{}"), Publication.ofConversation(conversation, "{\"type\":\"typing\"}"),
                Publication.ofUser("{\"type\":\"presence\"}"), Publication.joined(conversation), Publication.toInstance("R{\"q\":1,\"b\":\"a|b\"}") }) {
            assertThat(Publication.decode(p.encode())).isEqualTo(p);
        }
    }

    @Test
    void shouldReadNothingFromWhatIsNotAPublication() {
        assertThat(Publication.decode(null)).isNull();
        assertThat(Publication.decode("{\"type\":\"message.created\"}")).isNull();
        assertThat(Publication.decode("C|not-a-uuid|1|{}")).isNull();
        assertThat(Publication.decode("C||1|{}")).as("a created without a conversation").isNull();
        assertThat(Publication.decode("C|" + UUID.randomUUID() + "|-1|{}")).isNull();
        assertThat(Publication.decode("X|" + UUID.randomUUID() + "|1|{}")).isNull();
        assertThat(Publication.decode("P||0")).isNull();
    }
}
