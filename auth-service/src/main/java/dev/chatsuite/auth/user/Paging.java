package dev.chatsuite.auth.user;

import java.util.List;

import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;

/** The contract's {@code ?limit=}: 1..100, default 50, anything else a 400. */
public final class Paging {

    private Paging() {
    }

    public static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // Falls through to the 400 below.
        }
        throw ProblemException.badRequest("limit must be a number from 1 to 100.", List.of(new FieldError("limit", "Must be 1 to 100.")));
    }
}
