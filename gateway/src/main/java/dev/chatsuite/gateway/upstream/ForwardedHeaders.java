package dev.chatsuite.gateway.upstream;

import java.util.Locale;
import java.util.Set;

import dev.chatsuite.common.request.RequestIds;
import dev.chatsuite.gateway.caller.ClientIp;
import dev.chatsuite.gateway.caller.CookieHeader;
import dev.chatsuite.gateway.caller.SessionCookies;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers an upstream receives: the client's, minus hop-by-hop headers and those only
 * the gateway may set (X-Forwarded-*, Forwarded, internal identity headers) and the gateway's
 * session cookies, plus the gateway's own X-Forwarded-* and X-Request-Id.
 */
public final class ForwardedHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
            "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");
    private static final Set<String> WEBSOCKET_HANDSHAKE = Set.of("sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
            "sec-websocket-accept");

    private ForwardedHeaders() {
    }

    /** True for headers a client may not send through the gateway. */
    public static boolean gatewayOnly(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("x-forwarded-") || lower.equals("forwarded") || lower.equals("x-real-ip") || lower.startsWith("x-internal-")
                || lower.equals("x-user-id") || lower.equals("x-auth-user");
    }

    public static MultiMap forHttp(RoutingContext ctx, boolean keepLength) {
        return build(ctx, false, keepLength);
    }

    public static MultiMap forWebSocket(RoutingContext ctx) {
        return build(ctx, true, false);
    }

    private static MultiMap build(RoutingContext ctx, boolean websocket, boolean keepLength) {
        HttpServerRequest request = ctx.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(entry -> {
            String lower = entry.getKey().toLowerCase(Locale.ROOT);
            boolean lengthKept = keepLength && lower.equals("content-length");
            if ((HOP_BY_HOP.contains(lower) && !lengthKept) || gatewayOnly(lower) || (websocket && WEBSOCKET_HANDSHAKE.contains(lower))) {
                return;
            }
            if (lower.equals("cookie")) {
                // The session cookies are the gateway's: the access token goes up as Authorization, the refresh token never.
                String others = CookieHeader.without(entry.getValue(), SessionCookies.NAMES);
                if (others != null) {
                    headers.add(entry.getKey(), others);
                }
                return;
            }
            headers.add(entry.getKey(), entry.getValue());
        });
        String requestId = ctx.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            headers.set(RequestIds.HEADER, requestId);
        }
        headers.set("X-Forwarded-For", ClientIp.of(request));
        headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        return headers;
    }
}
