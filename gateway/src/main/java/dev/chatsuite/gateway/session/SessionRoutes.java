package dev.chatsuite.gateway.session;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.problem.ProblemKind;
import dev.chatsuite.common.problem.ProblemType;
import dev.chatsuite.common.problem.Problems;
import dev.chatsuite.gateway.backend.AuthCalls;
import dev.chatsuite.gateway.caller.AccessTokens;
import dev.chatsuite.gateway.caller.ClientIp;
import dev.chatsuite.gateway.caller.SessionCookies;
import dev.chatsuite.gateway.caller.Tokens;
import dev.chatsuite.gateway.route.RouteTable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/session}, the gateway's own endpoint for browsers: log in (tokens go into
 * HttpOnly cookies, never into the body), ask who is signed in, log out.
 */
@ApplicationScoped
public class SessionRoutes {

    private final AuthCalls auth;
    private final SessionCookies cookies;
    private final BrowserCredentials credentials;

    public SessionRoutes(AuthCalls auth, SessionCookies cookies, BrowserCredentials credentials) {
        this.auth = auth;
        this.cookies = cookies;
        this.credentials = credentials;
    }

    /** POST with the credentials already read (the rate limit needed the identifier). */
    public Uni<Void> login(RoutingContext ctx, JsonObject credentialsBody) {
        return auth.login(credentialsBody, ClientIp.of(ctx.request()), ctx.request().getHeader("User-Agent")).chain(reply -> {
            if (!reply.ok()) {
                return Uni.createFrom().failure(passOn(reply));
            }
            Tokens tokens = Tokens.from(reply.body());
            cookies.set(ctx, tokens);
            return answerWithUser(ctx, tokens.accessToken());
        });
    }

    public Uni<Void> handle(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.GET) {
            return credentials.accessToken(ctx).chain(token -> token.isEmpty()
                    ? Uni.createFrom().failure(ProblemException.unauthorized("No one is signed in."))
                    : answerWithUser(ctx, token.get()));
        }
        if (ctx.request().method() == HttpMethod.DELETE) {
            String refresh = cookies.refresh(ctx);
            Uni<?> revoke = refresh == null ? Uni.createFrom().voidItem() : auth.logout(refresh).onFailure().recoverWithNull();
            return revoke.invoke(() -> {
                cookies.clear(ctx);
                ctx.response().setStatusCode(204).end();
            }).replaceWithVoid();
        }
        return Uni.createFrom().failure(CommonProblem.METHOD_NOT_ALLOWED.exception("Use POST, GET or DELETE on " + RouteTable.SESSION + "."));
    }

    private Uni<Void> answerWithUser(RoutingContext ctx, String accessToken) {
        return auth.me(accessToken).map(reply -> {
            if (!reply.ok()) {
                cookies.clear(ctx);
                throw ProblemException.unauthorized("The session has ended; sign in again.");
            }
            JsonObject body = new JsonObject().put("user", reply.body())
                    .put("expiresIn", AccessTokens.expiresIn(accessToken, System.currentTimeMillis() / 1000));
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body.encode());
            return null;
        });
    }

    /** auth-service's refusal (400, 401, 403 account-disabled, 429) is the browser's, type and detail included. */
    private static RuntimeException passOn(AuthCalls.Reply reply) {
        JsonObject problem = reply.body();
        String type = problem.getString("type", "");
        String slug = (type.startsWith(ProblemType.BASE) ? type : ProblemType.forStatus(reply.status())).substring(ProblemType.BASE.length());
        List<FieldError> errors = null;
        if (problem.getJsonArray("errors") != null) {
            errors = problem.getJsonArray("errors").stream().map(o -> (JsonObject) o)
                    .map(e -> new FieldError(e.getString("field"), e.getString("message"))).toList();
        }
        int status = reply.status() >= 500 ? 502 : reply.status();
        return new Relayed(slug, status).exception(problem.getString("detail", Problems.defaultDetail(status)), errors);
    }

    /** A problem auth-service answered with, passed on under its own slug (its kinds are listed in docs/errors-auth.md). */
    private record Relayed(String slug, int status) implements ProblemKind {
    }
}
