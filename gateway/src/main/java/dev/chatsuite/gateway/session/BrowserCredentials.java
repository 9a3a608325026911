package dev.chatsuite.gateway.session;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.gateway.caller.AccessTokens;
import dev.chatsuite.gateway.caller.SessionCookies;
import dev.chatsuite.gateway.route.Route;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The access token to inject for a browser request: from the access cookie while it is fresh,
 * else from a refresh (new cookies are set on this response). Requests with their own
 * Authorization header, and routes whose credentials are {@link Route.Credentials#AS_SENT}
 * (token endpoints, logins), are left untouched.
 */
@ApplicationScoped
public class BrowserCredentials {

    private final SessionCookies cookies;
    private final TokenRefresher refresher;

    public BrowserCredentials(SessionCookies cookies, TokenRefresher refresher) {
        this.cookies = cookies;
        this.refresher = refresher;
    }

    /** True when the gateway authenticates this request to {@code route} from the session cookies. */
    public boolean usesCookies(RoutingContext ctx, Route route) {
        return route.credentials() == Route.Credentials.COOKIES && ctx.request().getHeader("Authorization") == null && cookies.present(ctx);
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
