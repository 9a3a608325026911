package dev.chatsuite.messaging.realtime;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** At most one typing announcement per conversation every {@code intervalMillis} from one socket. */
final class TypingThrottle {

    private final long intervalMillis;
    private final LongSupplier millis;
    private final Map<String, Long> last = new HashMap<>();

    TypingThrottle(long intervalMillis, LongSupplier millis) {
        this.intervalMillis = intervalMillis;
        this.millis = millis;
    }

    /** True when typing in this conversation may be announced now (and counts it). Called on the socket's event loop only. */
    boolean mayAnnounce(String conversation) {
        long now = millis.getAsLong();
        Long before = last.get(conversation);
        if (before != null && now - before < intervalMillis) {
            return false;
        }
        last.put(conversation, now);
        return true;
    }
}
