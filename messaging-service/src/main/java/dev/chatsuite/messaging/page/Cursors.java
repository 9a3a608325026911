package dev.chatsuite.messaging.page;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;

/** Opaque cursors (base64url of a small text) and the contract's limit rule (1..100, default 50). */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    /** Cursors this service makes are far shorter; a longer one is not decoded at all. */
    private static final int MAX_CURSOR_CHARS = 512;

    private Cursors() {
    }

    public static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The text inside a cursor; a cursor this service did not make is a 400. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.length() > MAX_CURSOR_CHARS) {
            throw notACursor();
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "Not a cursor from a previous page.");
        }
    }

    /** A message page's position: after or before a seq. */
    public record SeqPosition(boolean after, long seq) {
    }

    /** A conversation list's position: after this (activity, id) in the list's order. */
    public record ActivityPosition(OffsetDateTime activity, UUID id) {
    }

    public static String seqCursor(boolean after, long seq) {
        return encode((after ? "a:" : "b:") + seq);
    }

    /** Reads {@link #seqCursor}; anything else is a 400 on {@code cursor}. */
    public static SeqPosition seqPosition(String cursor) {
        String raw = decode(cursor);
        if (raw.length() < 3 || raw.charAt(1) != ':' || (raw.charAt(0) != 'a' && raw.charAt(0) != 'b')) {
            throw notACursor();
        }
        try {
            long seq = Long.parseLong(raw, 2, raw.length(), 10);
            if (seq < 0) {
                throw notACursor();
            }
            return new SeqPosition(raw.charAt(0) == 'a', seq);
        } catch (NumberFormatException e) {
            throw notACursor();
        }
    }

    public static String activityCursor(OffsetDateTime activity, UUID id) {
        return encode(activity + "|" + id);
    }

    /** Reads {@link #activityCursor}; anything else is a 400 on {@code cursor}. */
    public static ActivityPosition activityPosition(String cursor) {
        String raw = decode(cursor);
        int bar = raw.indexOf('|');
        if (bar < 0 || raw.indexOf('|', bar + 1) >= 0) {
            throw notACursor();
        }
        try {
            return new ActivityPosition(OffsetDateTime.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw notACursor();
        }
    }

    private static ProblemException notACursor() {
        return invalid("cursor", "Not a cursor from a previous page.");
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > 100) {
            throw invalid("limit", "Must be between 1 and 100.");
        }
        return limit;
    }

    public static ProblemException invalid(String field, String message) {
        return ProblemException.badRequest("The query is not valid; see errors.", List.of(new FieldError(field, message)));
    }
}
