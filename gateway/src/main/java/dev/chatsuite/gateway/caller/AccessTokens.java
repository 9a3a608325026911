package dev.chatsuite.gateway.caller;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.vertx.core.json.JsonObject;

/**
 * Reads an access token's parts without verifying it: its expiry (to refresh before
 * forwarding) and its header (for the key id). Who the token belongs to is only ever taken
 * from {@link TokenVerifier}, which checks the signature.
 */
public final class AccessTokens {

    /** Refresh this close to expiry, so a token does not die on its way upstream. */
    private static final long LEEWAY_SECONDS = 10;
    /** Longer than any token auth-service issues: anything beyond is not read at all. */
    static final int MAX_LENGTH = 8 * 1024;

    private AccessTokens() {
    }

    public static boolean isFresh(String token, long nowEpochSeconds) {
        JsonObject claims = claims(token);
        return claims != null && number(claims, "exp") - LEEWAY_SECONDS > nowEpochSeconds;
    }

    /** Seconds until expiry (0 when unreadable or expired). */
    public static long expiresIn(String token, long nowEpochSeconds) {
        JsonObject claims = claims(token);
        return claims == null ? 0 : Math.max(0, number(claims, "exp") - nowEpochSeconds);
    }

    static JsonObject claims(String token) {
        return part(token, 1);
    }

    static JsonObject header(String token) {
        return part(token, 0);
    }

    /** One base64url JSON part of a three-part compact JWS, or null when it is not one. */
    private static JsonObject part(String token, int index) {
        if (token == null || token.length() > MAX_LENGTH) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[index]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long number(JsonObject claims, String name) {
        return claims.getValue(name) instanceof Number n ? n.longValue() : 0L;
    }
}
