package dev.chatsuite.gateway.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.gateway.GatewayConfig;
import dev.chatsuite.gateway.body.BodyLimits;
import dev.chatsuite.gateway.session.TokenVerifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The contract's limits: login per client IP and identifier, register and forgot-password per
 * IP, uploads per user, everything else per user (or IP when anonymous). Routes are told apart
 * by the canonical route key ({@link CanonicalPath}), so no spelling of a path escapes its
 * limit; a user is only ever the subject of a token whose signature the gateway verified
 * ({@link TokenVerifier}): any other token counts against its IP. The client IP is the
 * peer's address, or X-Forwarded-For only when the peer is a trusted proxy (Quarkus resolves
 * that from TRUSTED_PROXIES before this runs).
 */
@ApplicationScoped
public class RateLimits {

    private final RateLimiter limiter;
    private final TokenVerifier tokens;
    private final GatewayConfig.RateLimits limits;

    public RateLimits(RateLimiter limiter, TokenVerifier tokens, GatewayConfig config) {
        this.limiter = limiter;
        this.tokens = tokens;
        this.limits = config.limits();
    }

    /** Login and browser-session login: counted per IP and identifier (the body has been read). */
    public Uni<Void> login(RoutingContext ctx, String identifier) {
        String who = identifier == null ? "" : identifier.trim().toLowerCase(Locale.ROOT);
        return check(ctx, "login", clientIp(ctx) + "|" + digest(who), limits.login());
    }

    /** Every other API call and upgrade, by its canonical route key and the access token it presents (or null). */
    public Uni<Void> request(RoutingContext ctx, String routeKey, String accessToken) {
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.POST && routeKey.equals("/api/auth/register")) {
            return check(ctx, "register", clientIp(ctx), limits.register());
        }
        if (method == HttpMethod.POST && routeKey.equals("/api/auth/password/forgot")) {
            return check(ctx, "forgot", clientIp(ctx), limits.forgot());
        }
        boolean upload = method == HttpMethod.POST && routeKey.equals("/api/media") || BodyLimits.isMessageUpload(ctx.request(), routeKey);
        int limit = upload ? limits.upload() : limits.defaultLimit();
        if (limit <= 0) {
            // Turned off: skip verifying the token for a key nobody counts.
            return Uni.createFrom().voidItem();
        }
        Uni<Optional<String>> subject = accessToken == null ? Uni.createFrom().item(Optional.empty()) : tokens.subject(accessToken);
        return subject.chain(user -> check(ctx, upload ? "upload" : "default",
                user.map(sub -> "user:" + digest(sub)).orElseGet(() -> "ip:" + clientIp(ctx)), limit));
    }
    private Uni<Void> check(RoutingContext ctx, String bucket, String key, int limit) {
        return limiter.acquire(bucket, key, limit).map(wait -> {
            if (wait > 0) {
                ctx.response().putHeader("Retry-After", Long.toString(wait));
                throw new ProblemException(429, "rate-limited", "Too many requests; retry in " + wait + " seconds.");
            }
            return null;
        });
    }

    public static String clientIp(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    /** Identifiers and subjects are hashed so Redis never holds an email address in clear. */
    static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
