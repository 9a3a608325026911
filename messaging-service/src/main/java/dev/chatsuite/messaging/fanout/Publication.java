package dev.chatsuite.messaging.fanout;

import java.util.UUID;

/**
 * One event on its way to sockets: the frame a client receives, encoded once, with what
 * delivery needs to order it carried beside it (so no delivery parses the frame).
 *
 * @param kind           how delivery orders it
 * @param conversationId the conversation it belongs to; null for {@link Kind#USER}
 * @param seq            the message's seq for {@link Kind#CREATED} and {@link Kind#CHANGED}, else 0
 * @param frame          the exact JSON text frame of the contract
 */
public record Publication(Kind kind, UUID conversationId, long seq, String frame) {

    /** How a publication is ordered on a socket. */
    public enum Kind {
        /** {@code message.created}: strictly increasing seq per conversation, gaps filled from storage. */
        CREATED('C'),
        /** {@code message.updated} / {@code message.deleted}: never before the created of the same seq. */
        CHANGED('U'),
        /** Other conversation events (read, typing, location): no order promised. */
        CONVERSATION('V'),
        /** Events of a user, not of a conversation (presence). */
        USER('P'),
        /** Not for the client: the user joined this conversation, so their instance starts to follow it. */
        JOINED('J'),
        /** Not for any socket: a request or an answer from one instance to another, on the addressee's own channel. */
        INSTANCE('I');

        final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }
    }

    public Publication {
        if (kind == null || frame == null || (kind != Kind.USER && kind != Kind.INSTANCE && conversationId == null)) {
            throw new IllegalArgumentException("A publication needs a kind, a frame and, unless it is a user's or an instance's, a conversation");
        }
    }

    public static Publication created(UUID conversation, long seq, String frame) {
        return new Publication(Kind.CREATED, conversation, seq, frame);
    }

    public static Publication changed(UUID conversation, long seq, String frame) {
        return new Publication(Kind.CHANGED, conversation, seq, frame);
    }

    public static Publication ofConversation(UUID conversation, String frame) {
        return new Publication(Kind.CONVERSATION, conversation, 0, frame);
    }

    public static Publication ofUser(String frame) {
        return new Publication(Kind.USER, null, 0, frame);
    }

    public static Publication joined(UUID conversation) {
        return new Publication(Kind.JOINED, conversation, 0, "");
    }

    /** A message for the instance that serves an address ({@link Broker#serve}). */
    public static Publication toInstance(String body) {
        return new Publication(Kind.INSTANCE, null, 0, body);
    }

    /** True when it travels on each recipient's user channel; a conversation's events go on the conversation's channel. */
    public boolean perUser() {
        return kind == Kind.USER || kind == Kind.JOINED || kind == Kind.INSTANCE;
    }

    /** The wire form between instances: {@code <kind>|<conversation or empty>|<seq>|<frame>}. */
    public String encode() {
        return kind.code + "|" + (conversationId == null ? "" : conversationId.toString()) + "|" + seq + "|" + frame;
    }

    /** Reads {@link #encode()}'s form; null for anything else (a stray message on a channel). */
    public static Publication decode(String wire) {
        return wire == null ? null : decode(wire, 0);
    }

    /** Reads {@link #encode()}'s form starting at {@code from} (inside an envelope), copying only the frame. */
    static Publication decode(String wire, int from) {
        if (wire.length() - from < 5 || wire.charAt(from + 1) != '|') {
            return null;
        }
        Kind kind = Kind.of(wire.charAt(from));
        int afterConversation = wire.indexOf('|', from + 2);
        int afterSeq = afterConversation < 0 ? -1 : wire.indexOf('|', afterConversation + 1);
        if (kind == null || afterSeq < 0) {
            return null;
        }
        try {
            UUID conversation = afterConversation == from + 2 ? null : UUID.fromString(wire.substring(from + 2, afterConversation));
            long seq = Long.parseLong(wire, afterConversation + 1, afterSeq, 10);
            if (seq < 0) {
                return null;
            }
            return new Publication(kind, conversation, seq, wire.substring(afterSeq + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
