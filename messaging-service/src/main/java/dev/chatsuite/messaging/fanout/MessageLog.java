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

    /** Each conversation of {@code user} with its last seq, in one query. */
    Uni<Map<UUID, Long>> positions(UUID user);

    /** The conversation's last seq when {@code user} joined it; -1 when they do not take part (any more). */
    Uni<Long> joinedSeq(UUID conversation, UUID user);

    /** The {@code message.created} publications of {@code conversation} with {@code after < seq < before}, oldest first, at most {@code limit}. */
    Uni<List<Publication>> created(UUID conversation, long after, long before, int limit);
}
