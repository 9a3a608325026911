package dev.chatsuite.messaging.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A conversation's publication on its channel, with the recipients its change was committed
 * for: an instance hands it to those of them connected there, so one {@code PUBLISH} serves
 * every member while a member who left (or joined later) gets exactly what storage said.
 * Wire form: {@code <n>|<n UUIDs, 36 characters each>|<publication>}.
 */
public record Envelope(List<UUID> recipients, Publication publication) {

    /** Recipients per envelope: a larger group is published as several envelopes, in order. */
    static final int MAX_RECIPIENTS = 256;
    private static final int UUID_CHARS = 36;

    public Envelope {
        recipients = List.copyOf(recipients);
    }

    /** The envelopes that carry {@code publication} to {@code recipients}, at most {@link #MAX_RECIPIENTS} each. */
    static List<Envelope> split(List<UUID> recipients, Publication publication) {
        List<Envelope> envelopes = new ArrayList<>(recipients.size() / MAX_RECIPIENTS + 1);
        for (int from = 0; from < recipients.size(); from += MAX_RECIPIENTS) {
            envelopes.add(new Envelope(recipients.subList(from, Math.min(recipients.size(), from + MAX_RECIPIENTS)), publication));
        }
        return envelopes;
    }

    String encode() {
        String wire = publication.encode();
        StringBuilder out = new StringBuilder(8 + recipients.size() * UUID_CHARS + wire.length());
        out.append(recipients.size()).append('|');
        recipients.forEach(out::append);
        return out.append('|').append(wire).toString();
    }

    /** Reads {@link #encode()}'s form; null for anything else. */
    public static Envelope decode(String wire) {
        if (wire == null) {
            return null;
        }
        int bar = wire.indexOf('|');
        if (bar < 1 || bar > 6) {
            return null;
        }
        try {
            int count = Integer.parseInt(wire, 0, bar, 10);
            int end = bar + 1 + count * UUID_CHARS;
            if (count < 0 || count > MAX_RECIPIENTS || wire.length() <= end || wire.charAt(end) != '|') {
                return null;
            }
            List<UUID> recipients = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int at = bar + 1 + i * UUID_CHARS;
                recipients.add(UUID.fromString(wire.substring(at, at + UUID_CHARS)));
            }
            Publication publication = Publication.decode(wire, end + 1);
            return publication == null ? null : new Envelope(recipients, publication);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
