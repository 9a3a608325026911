package dev.chatsuite.messaging.message;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The wire form of a post forwarded to its conversation's owner and of the owner's answer, in
 * the style of the fan-out's envelopes: fixed fields separated by {@code |}, UUIDs as their 36
 * characters, the one free text last (the body) or length-prefixed (the clientMessageId), so
 * neither needs escaping. A forwarded post crosses it twice, read without reflection or a
 * JSON parser.
 * <ul>
 * <li>request: {@code R<q>|<from>|<conversation>|<id>|<sender>|<epoch second>|<nano>|<offset seconds>|<clientMessageId length, -1 for none>|<clientMessageId><body>}</li>
 * <li>answer: {@code A<q>|<seq, empty for none>|<failure, empty for none>|<recipients, 36 characters each>}</li>
 * </ul>
 */
final class PostWire {

    /** Instances that speak another version never pick each other as owners ({@link PostOwners}). */
    static final String VERSION = "w2";
    private static final char REQUEST = 'R';
    private static final char ANSWER = 'A';
    private static final int UUID_CHARS = 36;

    private PostWire() {
    }

    /** A post sent to its owner: {@code q} names it in the answer. */
    record Request(long q, UUID from, UUID conversation, UUID id, UUID sender, String body, String clientMessageId, OffsetDateTime createdAt) {
    }

    /** The owner's answer: the seq and recipients, or neither (the sender does not take part), or a failure's SQLSTATE or "unavailable". */
    record Answer(long q, Long seq, List<UUID> recipients, String failure) {
    }

    static String encode(Request r) {
        Instant at = r.createdAt().toInstant();
        StringBuilder out = new StringBuilder(200 + r.body().length());
        out.append(REQUEST).append(r.q()).append('|').append(r.from()).append('|').append(r.conversation()).append('|').append(r.id()).append('|')
                .append(r.sender()).append('|').append(at.getEpochSecond()).append('|').append(at.getNano()).append('|')
                .append(r.createdAt().getOffset().getTotalSeconds()).append('|');
        if (r.clientMessageId() == null) {
            out.append("-1|");
        } else {
            out.append(r.clientMessageId().length()).append('|').append(r.clientMessageId());
        }
        return out.append(r.body()).toString();
    }

    static String encode(Answer a) {
        StringBuilder out = new StringBuilder(40 + (a.recipients() == null ? 0 : a.recipients().size() * UUID_CHARS));
        out.append(ANSWER).append(a.q()).append('|').append(a.seq() == null ? "" : a.seq()).append('|').append(a.failure() == null ? "" : a.failure())
                .append('|');
        if (a.recipients() != null) {
            a.recipients().forEach(out::append);
        }
        return out.toString();
    }

    /** Reads {@link #encode(Request)}'s form; null for anything else. */
    static Request request(String wire) {
        if (wire.isEmpty() || wire.charAt(0) != REQUEST) {
            return null;
        }
        try {
            Fields f = new Fields(wire, 1);
            long q = f.nextLong();
            UUID from = f.nextUuid();
            UUID conversation = f.nextUuid();
            UUID id = f.nextUuid();
            UUID sender = f.nextUuid();
            long second = f.nextLong();
            long nano = f.nextLong();
            int offset = Math.toIntExact(f.nextLong());
            int cmidLength = Math.toIntExact(f.nextLong());
            String clientMessageId = null;
            if (cmidLength >= 0) {
                clientMessageId = f.take(cmidLength);
            } else if (cmidLength != -1) {
                return null;
            }
            OffsetDateTime createdAt = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nano), ZoneOffset.ofTotalSeconds(offset));
            return new Request(q, from, conversation, id, sender, f.rest(), clientMessageId, createdAt);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads {@link #encode(Answer)}'s form; null for anything else. */
    static Answer answer(String wire) {
        if (wire.isEmpty() || wire.charAt(0) != ANSWER) {
            return null;
        }
        try {
            Fields f = new Fields(wire, 1);
            long q = f.nextLong();
            String seq = f.next();
            String failure = f.next();
            String rest = f.rest();
            if (rest.length() % UUID_CHARS != 0) {
                return null;
            }
            List<UUID> recipients = null;
            if (!seq.isEmpty()) {
                recipients = new ArrayList<>(rest.length() / UUID_CHARS);
                for (int at = 0; at < rest.length(); at += UUID_CHARS) {
                    recipients.add(UUID.fromString(rest.substring(at, at + UUID_CHARS)));
                }
            } else if (!rest.isEmpty()) {
                return null;
            }
            return new Answer(q, seq.isEmpty() ? null : Long.parseLong(seq), recipients, failure.isEmpty() ? null : failure);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A cursor over {@code |}-ended fields; a malformed field throws, which the readers turn into null. */
    private static final class Fields {
        private final String wire;
        private int at;

        Fields(String wire, int at) {
            this.wire = wire;
            this.at = at;
        }

        String next() {
            int bar = wire.indexOf('|', at);
            if (bar < 0) {
                throw new IllegalArgumentException("missing field");
            }
            String field = wire.substring(at, bar);
            at = bar + 1;
            return field;
        }

        long nextLong() {
            int bar = wire.indexOf('|', at);
            if (bar < 0) {
                throw new IllegalArgumentException("missing field");
            }
            long value = Long.parseLong(wire, at, bar, 10);
            at = bar + 1;
            return value;
        }

        UUID nextUuid() {
            if (wire.length() <= at + UUID_CHARS || wire.charAt(at + UUID_CHARS) != '|') {
                throw new IllegalArgumentException("not a UUID");
            }
            UUID value = UUID.fromString(wire.substring(at, at + UUID_CHARS));
            at += UUID_CHARS + 1;
            return value;
        }

        String take(int length) {
            String value = wire.substring(at, at + length);
            at += length;
            return value;
        }

        String rest() {
            return wire.substring(at);
        }
    }
}
