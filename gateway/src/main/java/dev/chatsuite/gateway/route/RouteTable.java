package dev.chatsuite.gateway.route;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.chatsuite.gateway.GatewayConfig;
import dev.chatsuite.gateway.route.Route.Body;
import dev.chatsuite.gateway.route.Route.Bucket;
import dev.chatsuite.gateway.route.Route.Credentials;
import dev.chatsuite.gateway.route.Route.CsrfRule;
import dev.chatsuite.gateway.route.Route.Method;
import dev.chatsuite.gateway.route.Route.Service;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's route policy in one place (the contract's Gateway section): which requests
 * are the API's, and for each API route who answers it, its rate-limit bucket, where its
 * credentials come from, its CSRF rule and its body cap. Routes are matched on the canonical
 * route key ({@link CanonicalPath}), first row first.
 */
@ApplicationScoped
public class RouteTable {

    public static final String SESSION = "/api/session";
    public static final String LOGIN = "/api/auth/login";
    public static final String REGISTER = "/api/auth/register";
    public static final String REFRESH = "/api/auth/refresh";
    public static final String LOGOUT = "/api/auth/logout";
    public static final String ME = "/api/auth/me";
    public static final String FORGOT_PASSWORD = "/api/auth/password/forgot";
    public static final String RESET_PASSWORD = "/api/auth/password/reset";
    /** test-support's problem probe: Quarkus REST answers it inside the gateway when {@code gateway.problem-probe} is on (tests only). */
    static final String PROBE = "/api/__probe/";

    private static final List<Route> ROUTES = List.of(
            // The gateway's own browser session: a login (read whole, limited per identifier), who is signed in, logout.
            new Route(Method.POST, SESSION, Service.GATEWAY, Bucket.LOGIN, Credentials.AS_SENT, CsrfRule.EXEMPT, Body.LOGIN),
            new Route(Method.ANY, SESSION, Service.GATEWAY, Bucket.DEFAULT, Credentials.COOKIES, CsrfRule.ORIGIN, Body.DEFAULT),
            // auth-service's token endpoints: what the client sends, never the session cookies.
            new Route(Method.POST, LOGIN, Service.AUTH, Bucket.LOGIN, Credentials.AS_SENT, CsrfRule.EXEMPT, Body.LOGIN),
            new Route(Method.POST, REGISTER, Service.AUTH, Bucket.REGISTER, Credentials.AS_SENT, CsrfRule.EXEMPT, Body.DEFAULT),
            new Route(Method.POST, FORGOT_PASSWORD, Service.AUTH, Bucket.FORGOT, Credentials.AS_SENT, CsrfRule.EXEMPT, Body.DEFAULT),
            new Route(Method.ANY, LOGIN, Service.AUTH, Bucket.DEFAULT, Credentials.AS_SENT, CsrfRule.EXEMPT, Body.DEFAULT),
            new Route(Method.ANY, REGISTER, Service.AUTH, Bucket.DEFAULT, Credentials.AS_SENT, CsrfRule.EXEMPT, Body.DEFAULT),
            new Route(Method.ANY, FORGOT_PASSWORD, Service.AUTH, Bucket.DEFAULT, Credentials.AS_SENT, CsrfRule.EXEMPT, Body.DEFAULT),
            new Route(Method.ANY, REFRESH, Service.AUTH, Bucket.DEFAULT, Credentials.AS_SENT, CsrfRule.EXEMPT, Body.DEFAULT),
            new Route(Method.ANY, LOGOUT, Service.AUTH, Bucket.DEFAULT, Credentials.AS_SENT, CsrfRule.EXEMPT, Body.DEFAULT),
            new Route(Method.ANY, RESET_PASSWORD, Service.AUTH, Bucket.DEFAULT, Credentials.AS_SENT, CsrfRule.EXEMPT, Body.DEFAULT),
            // The rest of auth-service.
            new Route(Method.ANY, "/api/auth/*/**", Service.AUTH, Bucket.DEFAULT, Credentials.COOKIES, CsrfRule.ORIGIN, Body.DEFAULT),
            new Route(Method.ANY, "/api/users/**", Service.AUTH, Bucket.DEFAULT, Credentials.COOKIES, CsrfRule.ORIGIN, Body.DEFAULT),
            new Route(Method.ANY, "/api/admin/*/**", Service.AUTH, Bucket.DEFAULT, Credentials.COOKIES, CsrfRule.ORIGIN, Body.DEFAULT),
            new Route(Method.ANY, "/.well-known/*/**", Service.AUTH, Bucket.DEFAULT, Credentials.COOKIES, CsrfRule.ORIGIN, Body.DEFAULT),
            // messaging-service; a multipart message post carries files to storage and counts as an upload.
            new Route(Method.MULTIPART_POST, "/api/conversations/*/messages", Service.MESSAGING, Bucket.UPLOAD, Credentials.COOKIES,
                    CsrfRule.ORIGIN, Body.MULTIPART),
            new Route(Method.ANY, "/api/conversations/**", Service.MESSAGING, Bucket.DEFAULT, Credentials.COOKIES, CsrfRule.ORIGIN, Body.DEFAULT),
            new Route(Method.ANY, "/api/messages/**", Service.MESSAGING, Bucket.DEFAULT, Credentials.COOKIES, CsrfRule.ORIGIN, Body.DEFAULT),
            new Route(Method.ANY, "/api/search/**", Service.MESSAGING, Bucket.DEFAULT, Credentials.COOKIES, CsrfRule.ORIGIN, Body.DEFAULT),
            new Route(Method.ANY, "/ws/**", Service.MESSAGING, Bucket.DEFAULT, Credentials.COOKIES, CsrfRule.ORIGIN, Body.DEFAULT),
            // media-service.
            new Route(Method.POST, "/api/media", Service.MEDIA, Bucket.UPLOAD, Credentials.COOKIES, CsrfRule.ORIGIN, Body.UPLOAD),
            new Route(Method.ANY, "/api/media/**", Service.MEDIA, Bucket.DEFAULT, Credentials.COOKIES, CsrfRule.ORIGIN, Body.DEFAULT));

    /** {@link #ROUTES} with their patterns split into segments, in the same order. */
    private static final List<String[]> PATTERNS = ROUTES.stream().map(route -> segments(route.pattern())).toList();

    /** Where a request goes before any API route is matched. */
    public enum Destination {
        /** {@code /q} in any spelling: operations live on the management port, so 404 here. */
        OPERATIONS,
        /** The API pipeline: canonical path, route table, CSRF, limits, forward. */
        API,
        /** Left to this application's other routes (Quarkus): the probe in tests, else their 404. */
        APPLICATION,
        /** The SPA's static files. */
        SPA
    }

    private final boolean probe;

    @Inject
    public RouteTable(GatewayConfig config) {
        this(config.problemProbe());
    }

    RouteTable(boolean probe) {
        this.probe = probe;
    }

    public Destination destination(RoutingContext ctx) {
        return destination(ctx.request().path(), ctx.normalizedPath());
    }

    /**
     * Judged on the raw path and on the normalised one in any case, so that {@code /x/../api/…},
     * {@code /API/…} or {@code /x/../q/…} cannot slip past the API pipeline or the operations
     * refusal to the SPA or to Quarkus.
     */
    public Destination destination(String rawPath, String normalizedPath) {
        String raw = rawPath.toLowerCase(Locale.ROOT);
        String normalized = normalizedPath.toLowerCase(Locale.ROOT);
        if (operations(raw)) {
            return Destination.OPERATIONS;
        }
        if (probe && raw.startsWith(PROBE) && normalized.startsWith(PROBE)) {
            return Destination.APPLICATION;
        }
        if (apiRoot(raw) || apiRoot(normalized)) {
            return Destination.API;
        }
        if (operations(normalized)) {
            return Destination.OPERATIONS;
        }
        if (normalizedPath.startsWith("/api") || normalizedPath.startsWith("/ws") || normalizedPath.startsWith("/.well-known/")) {
            return Destination.APPLICATION;
        }
        return Destination.SPA;
    }

    public boolean isApi(RoutingContext ctx) {
        return destination(ctx) == Destination.API;
    }

    /** The route of an API request, or empty when no service serves its path (404). */
    public Optional<Route> match(HttpMethod method, String contentType, CanonicalPath path) {
        String[] segments = segments(path.routeKey());
        for (int i = 0; i < ROUTES.size(); i++) {
            Route route = ROUTES.get(i);
            if (takes(route.method(), method, contentType) && matches(PATTERNS.get(i), segments)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** {@code /q} in any spelling ({@code /q/…}, {@code /q;x/…}, {@code /%71…}), lower-cased. */
    private static boolean operations(String path) {
        return path.equals("/q") || path.startsWith("/q/") || path.startsWith("/q;") || path.startsWith("/%71");
    }

    /** The roots of every API route, in any spelling a service might read as one of them. */
    private static boolean apiRoot(String path) {
        return under(path, "/api") || under(path, "/ws") || path.startsWith("/.well-known/") || path.startsWith("/%2e");
    }

    /** {@code path} is {@code prefix} or continues it with a separator a service might read as one. */
    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || "/;%\\.".indexOf(path.charAt(prefix.length())) >= 0);
    }

    private static boolean takes(Method row, HttpMethod method, String contentType) {
        return switch (row) {
            case ANY -> true;
            case POST -> method == HttpMethod.POST;
            case MULTIPART_POST -> method == HttpMethod.POST && contentType != null && contentType.regionMatches(true, 0, "multipart/", 0, 10);
        };
    }

    private static boolean matches(String[] pattern, String[] path) {
        boolean rest = pattern.length > 0 && pattern[pattern.length - 1].equals("**");
        int fixed = rest ? pattern.length - 1 : pattern.length;
        if (rest ? path.length < fixed : path.length != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        return path.substring(1).split("/", -1);
    }
}
