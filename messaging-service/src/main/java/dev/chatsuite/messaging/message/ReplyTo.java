package dev.chatsuite.messaging.message;

import java.util.UUID;

/** What a reply answered, as stored with the reply at reply time. */
public record ReplyTo(UUID id, long seq, UUID senderId, String excerpt) {

    /** The longest excerpt, in characters (code points) of the original's body. */
    public static final int EXCERPT_CHARS = 100;
}
