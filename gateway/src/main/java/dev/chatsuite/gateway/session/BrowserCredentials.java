package dev.chatsuite.gateway.session;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The access token to inject for a browser request: from the access cookie while it is fresh,
 * else from a refresh (new cookies are set on this response). Requests with their own
 * Authorization header, and the token endpoints, are left untouched.
 */
@ApplicationScoped
public class BrowserCredentials {

    private static final Set<String> UNTOUCHED = Set.of("/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/api/auth/register",
            "/api/auth/password/forgot", "/api/auth/password/reset");
    private final SessionCookies cookies;
    private final TokenRefresher refresher;

    public BrowserCredentials(SessionCookies cookies, TokenRefresher refresher) {
        this.cookies = cookies;
        this.refresher = refresher;
    }

    /** True when the gateway authenticates this request (its canonical route key given) from the session cookies. */
    public boolean usesCookies(RoutingContext ctx, String routeKey) {
        return ctx.request().getHeader("Authorization") == null && cookies.present(ctx) && !UNTOUCHED.contains(routeKey);
    }

    /** The access cookie as presented (maybe expired), for the rate-limit bucket; null without one. */
    public String presentedAccess(RoutingContext ctx) {
        return cookies.access(ctx);
    }

    /** The access token to send upstream, if the browser has a live session. */
    public Uni<Optional<String>> accessToken(RoutingContext ctx) {
        String access = cookies.access(ctx);
        if (access != null && AccessTokens.isFresh(access, System.currentTimeMillis() / 1000)) {
            return Uni.createFrom().item(Optional.of(access));
        }
        String refresh = cookies.refresh(ctx);
        if (refresh == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return refresher.refresh(refresh)
                .map(tokens -> {
                    cookies.set(ctx, tokens);
                    return Optional.of(tokens.accessToken());
                })
                .onFailure(TokenRefresher.SessionEndedException.class).recoverWithItem(() -> {
                    cookies.clear(ctx);
                    return Optional.empty();
                });
    }
}
