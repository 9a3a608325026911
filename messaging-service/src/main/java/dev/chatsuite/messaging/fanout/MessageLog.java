package dev.chatsuite.messaging.fanout;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * What delivery reads from storage to make order: where each of a user's conversations stands,
 * and the {@code message.created} publications of a range of seq (a gap to fill).
 */
public interface MessageLog {

    /** Since a user joined: the {@code after} of {@link #created} for a conversation the socket had not heard of. */
    long SINCE_JOINED = -1;

    /** Each conversation of {@code user} with its last seq, in one query. */
    Uni<Map<UUID, Long>> positions(UUID user);

    /**
     * The {@code message.created} publications of {@code conversation} with {@code after < seq < before},
     * oldest first, at most {@code limit}; with {@code after == SINCE_JOINED}, from the seq the conversation
     * had when {@code user} joined it.
     */
    Uni<List<Publication>> created(UUID conversation, UUID user, long after, long before, int limit);
}
