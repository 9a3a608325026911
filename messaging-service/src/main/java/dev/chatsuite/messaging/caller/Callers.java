package dev.chatsuite.messaging.caller;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, from the access token smallrye-jwt verified. */
@RequestScoped
public class Callers {

    private final JsonWebToken jwt;

    public Callers(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Caller current() {
        return of(jwt);
    }

    public static Caller of(JsonWebToken jwt) {
        String tid = jwt.getClaim("tid");
        return new Caller(UUID.fromString(jwt.getSubject()), tid == null ? null : UUID.fromString(tid), jwt.getRawToken());
    }
}
