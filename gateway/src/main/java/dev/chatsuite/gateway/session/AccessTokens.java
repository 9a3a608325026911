package dev.chatsuite.gateway.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.vertx.core.json.JsonObject;

/**
 * Reads what the gateway needs from an access token without verifying it: its expiry (to
 * refresh before forwarding) and a rate-limit key. The services verify every token they
 * receive, so a forged token gains nothing here: its key includes its signature, so it can
 * only ever spend its own quota, never someone else's.
 */
public final class AccessTokens {

    /** Refresh this close to expiry, so a token does not die on its way upstream. */
    private static final long LEEWAY_SECONDS = 10;

    private AccessTokens() {
    }

    public static boolean isFresh(String token, long nowEpochSeconds) {
        JsonObject claims = claims(token);
        return claims != null && claims.getLong("exp", 0L) - LEEWAY_SECONDS > nowEpochSeconds;
    }

    /** Seconds until expiry (0 when unreadable or expired). */
    public static long expiresIn(String token, long nowEpochSeconds) {
        JsonObject claims = claims(token);
        return claims == null ? 0 : Math.max(0, claims.getLong("exp", 0L) - nowEpochSeconds);
    }

    /** {@code user:<sub>:<first signature chars>}, or null without a readable token. */
    public static String rateKey(String token) {
        JsonObject claims = claims(token);
        if (claims == null || claims.getString("sub") == null) {
            return null;
        }
        String signature = token.substring(token.lastIndexOf('.') + 1);
        return "user:" + claims.getString("sub") + ":" + signature.substring(0, Math.min(16, signature.length()));
    }

    static JsonObject claims(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
