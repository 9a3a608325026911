package dev.chatsuite.common.request;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The request id of the request being served. Accepted from the caller when it matches the
 * contract ({@code [A-Za-z0-9._-]{1,64}}), otherwise generated; kept in the request's Vert.x
 * duplicated context so that it follows the request onto worker threads and into outgoing
 * calls ({@code @ClientHeaderParam(name = "X-Request-Id", value = "{...RequestIds.current}")}).
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    public static boolean isValid(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }

    public static String acceptOrGenerate(String candidate) {
        return isValid(candidate) ? candidate : UUID.randomUUID().toString();
    }

    /** The current request id, or {@code null} outside a request. */
    public static String current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return null;
        }
        try {
            Optional<String> id = ContextLocals.get(MDC_KEY);
            return id.orElse(null);
        } catch (UnsupportedOperationException notDuplicated) {
            return null;
        }
    }
}
