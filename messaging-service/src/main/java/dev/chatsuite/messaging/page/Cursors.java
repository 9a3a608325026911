package dev.chatsuite.messaging.page;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;

/** Opaque cursors (base64url of a small text) and the contract's limit rule (1..100, default 50). */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;

    private Cursors() {
    }

    public static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The text inside a cursor; a cursor this service did not make is a 400. */
    public static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "Not a cursor from a previous page.");
        }
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
