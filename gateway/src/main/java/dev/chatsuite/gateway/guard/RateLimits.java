package dev.chatsuite.gateway.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.gateway.GatewayConfig;
import dev.chatsuite.gateway.caller.ClientIp;
import dev.chatsuite.gateway.caller.TokenVerifier;
import dev.chatsuite.gateway.route.Route;
import dev.chatsuite.gateway.route.Route.Bucket;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The contract's limits, in the bucket the route table gives each route ({@link Route#bucket()}):
 * login per client IP and identifier, register and forgot-password per IP, uploads and
 * everything else per user (or IP when anonymous). A user is only ever the subject of a token
 * whose signature the gateway verified ({@link TokenVerifier}): any other token counts against
 * its IP.
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

    /** A login route ({@link Bucket#LOGIN}): counted per IP and identifier, once the body has been read. */
    public Uni<Void> login(RoutingContext ctx, String identifier) {
        String who = identifier == null ? "" : identifier.trim().toLowerCase(Locale.ROOT);
        return check(ctx, Bucket.LOGIN, ClientIp.of(ctx.request()) + "|" + digest(who));
    }

    /** Any other API call and upgrade, in its route's bucket, with the access token it presents (or null). */
    public Uni<Void> request(RoutingContext ctx, Route route, String accessToken) {
        Bucket bucket = route.bucket();
        switch (bucket.per()) {
            case IP:
                return check(ctx, bucket, ClientIp.of(ctx.request()));
            case USER:
                if (limit(bucket) <= 0) {
                    // Turned off: skip verifying the token for a key nobody counts.
                    return Uni.createFrom().voidItem();
                }
                Uni<Optional<String>> subject = accessToken == null ? Uni.createFrom().item(Optional.empty()) : tokens.subject(accessToken);
                return subject.chain(user -> check(ctx, bucket,
                        user.map(sub -> "user:" + digest(sub)).orElseGet(() -> "ip:" + ClientIp.of(ctx.request()))));
            default:
                throw new IllegalArgumentException(bucket + " is counted once the body is read: use login()");
        }
    }

    private Uni<Void> check(RoutingContext ctx, Bucket bucket, String key) {
        return limiter.acquire(bucket.key(), key, limit(bucket)).map(wait -> {
            if (wait > 0) {
                ctx.response().putHeader("Retry-After", Long.toString(wait));
                throw CommonProblem.RATE_LIMITED.exception("Too many requests; retry in " + wait + " seconds.");
            }
            return null;
        });
    }

    /** Requests per minute in {@code bucket}; 0 turns it off. */
    private int limit(Bucket bucket) {
        return switch (bucket) {
            case LOGIN -> limits.login();
            case REGISTER -> limits.register();
            case FORGOT -> limits.forgot();
            case UPLOAD -> limits.upload();
            case DEFAULT -> limits.defaultLimit();
        };
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
