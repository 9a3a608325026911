package dev.chatsuite.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    private final UUID conversation = UUID.randomUUID();

    @Test
    void shouldCarryItsRecipientsAndPublicationOverTheWireUnchanged() {
        List<UUID> recipients = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Publication publication = Publication.created(conversation, 9, "{\"type\":\"message.created\",\"body\":\"a|b 12|\"}");
        Envelope decoded = Envelope.decode(new Envelope(recipients, publication).encode());
        assertThat(decoded.recipients()).containsExactlyElementsOf(recipients);
        assertThat(decoded.publication()).isEqualTo(publication);
    }

    @Test
    void shouldSplitALargeGroupIntoEnvelopesOfAtMost256InRecipientOrder() {
        List<UUID> recipients = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            recipients.add(UUID.randomUUID());
        }
        List<Envelope> envelopes = Envelope.split(recipients, Publication.ofConversation(conversation, "{}"));
        assertThat(envelopes).extracting(e -> e.recipients().size()).containsExactly(256, 256, 88);
        assertThat(envelopes.stream().flatMap(e -> e.recipients().stream()).toList()).containsExactlyElementsOf(recipients);
        assertThat(Envelope.split(List.of(), Publication.ofConversation(conversation, "{}"))).isEmpty();
    }

    @Test
    void shouldReadNothingFromWhatIsNotAnEnvelope() {
        String publication = Publication.created(conversation, 1, "{}").encode();
        String one = UUID.randomUUID().toString();
        assertThat(Envelope.decode(null)).isNull();
        assertThat(Envelope.decode(publication)).as("a bare publication").isNull();
        assertThat(Envelope.decode("2|" + one + "|" + publication)).as("fewer recipients than counted").isNull();
        assertThat(Envelope.decode("1|" + one.replace('-', 'x') + "|" + publication)).as("a recipient that is not a UUID").isNull();
        assertThat(Envelope.decode("1|" + one + "|not a publication")).isNull();
        assertThat(Envelope.decode("-1|" + publication)).isNull();
        assertThat(Envelope.decode("999999|" + one + "|" + publication)).isNull();
        assertThat(Envelope.decode("1|" + one + "|" + publication).recipients()).containsExactly(UUID.fromString(one));
    }
}
