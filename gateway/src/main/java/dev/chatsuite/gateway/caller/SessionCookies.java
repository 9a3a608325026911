package dev.chatsuite.gateway.caller;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.gateway.GatewayConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser's two HttpOnly cookies: the access token and the refresh token. SameSite=Strict
 * always; Secure with the {@code __Host-} prefix when the gateway is served over HTTPS.
 */
@ApplicationScoped
public class SessionCookies {

    /** Every name the session cookies may have (lower case), with and without the {@code __Host-} prefix. */
    public static final Set<String> NAMES = Set.of("chat_access", "chat_refresh", "__host-chat_access", "__host-chat_refresh");

    private final boolean secure;
    private final String accessName;
    private final String refreshName;

    public SessionCookies(GatewayConfig config) {
        this.secure = config.secureCookies().orElse(config.publicUrl().startsWith("https://"));
        String prefix = secure ? "__Host-" : "";
        this.accessName = prefix + "chat_access";
        this.refreshName = prefix + "chat_refresh";
    }

    public String access(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(accessName);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    public String refresh(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(refreshName);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    public boolean present(RoutingContext ctx) {
        return access(ctx) != null || refresh(ctx) != null;
    }

    public void set(RoutingContext ctx, Tokens tokens) {
        ctx.response().addCookie(cookie(accessName, tokens.accessToken(), tokens.expiresIn()));
        ctx.response().addCookie(cookie(refreshName, tokens.refreshToken(), tokens.refreshExpiresIn()));
    }

    public void clear(RoutingContext ctx) {
        ctx.response().addCookie(cookie(accessName, "", 0));
        ctx.response().addCookie(cookie(refreshName, "", 0));
    }

    private Cookie cookie(String name, String value, long maxAge) {
        return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSecure(secure).setSameSite(CookieSameSite.STRICT).setMaxAge(maxAge);
    }

    public String accessName() {
        return accessName;
    }

    public String refreshName() {
        return refreshName;
    }
}
