package dev.chatsuite.gateway.caller;

import io.vertx.core.json.JsonObject;

/** auth-service's TokenResponse. */
public record Tokens(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn) {

    public static Tokens from(JsonObject json) {
        return new Tokens(json.getString("accessToken"), json.getString("refreshToken"), json.getLong("expiresIn", 0L),
                json.getLong("refreshExpiresIn", 0L));
    }
}
