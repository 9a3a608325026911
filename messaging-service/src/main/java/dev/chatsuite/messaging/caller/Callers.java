package dev.chatsuite.messaging.caller;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, from the access token smallrye-jwt verified: a REST resource passes the
 * {@link SecurityIdentity} Quarkus security injects (its endpoints are {@code @Authenticated}),
 * the socket path the token it verified at the upgrade.
 */
public final class Callers {

    private Callers() {
    }

    public static Caller of(SecurityIdentity identity) {
        return of((JsonWebToken) identity.getPrincipal());
    }

    public static Caller of(JsonWebToken jwt) {
        String tid = jwt.getClaim("tid");
        return new Caller(UUID.fromString(jwt.getSubject()), tid == null ? null : UUID.fromString(tid), jwt.getRawToken());
    }
}
