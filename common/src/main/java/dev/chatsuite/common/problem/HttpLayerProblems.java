package dev.chatsuite.common.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem+json for failures decided below Quarkus REST: an oversized body (refused from its
 * declared length before a byte is read) and any failure of a plain Vert.x route, so that no
 * path answers with an HTML page or an empty 500.
 */
@ApplicationScoped
public class HttpLayerProblems {

    private static final Logger LOG = Logger.getLogger(HttpLayerProblems.class);

    private final long maxBodyBytes;

    public HttpLayerProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void registerLengthCheck(@Observes Filters filters) {
        filters.register(this::refuseOversizedBody, 9_000);
    }

    void registerFailureHandler(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    }

    void refuseOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length)) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            write(ctx, 413, Problems.defaultDetail(413));
            return;
        }
        ctx.next();
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    void onFailure(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        if (ctx.failure() instanceof ProblemException problem) {
            if (problem.status() == 401) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
            }
            write(ctx, Problems.of(problem.status(), problem.type(), problem.getMessage(), ctx.request().path(), problem.errors()));
            return;
        }
        // A route that asks for the caller's identity fails this way when the bearer token does
        // not verify (expired, another issuer, a bad signature): the caller's doing, so 401.
        if (ctx.failure() instanceof AuthenticationFailedException || ctx.failure() instanceof UnauthorizedException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            write(ctx, 401, "The bearer token is missing, expired or invalid; sign in again or refresh it.");
            return;
        }
        if (ctx.failure() != null && DependencyFailures.isDatabaseUnavailable(ctx.failure())) {
            LOG.warnf("Database unreachable on %s: %s", ctx.request().path(), ctx.failure().toString());
            write(ctx, Problems.of(503, ProblemType.of(DependencyFailures.DATABASE_TYPE), DependencyFailures.DATABASE_DETAIL,
                    ctx.request().path(), null));
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500 && ctx.failure() != null) {
            LOG.errorf(ctx.failure(), "Unexpected failure on %s", ctx.request().path());
        }
        write(ctx, status, Problems.defaultDetail(status));
    }

    public static void write(RoutingContext ctx, int status, String detail) {
        write(ctx, Problems.of(status, ProblemType.forStatus(status), detail, ctx.request().path(), null));
    }

    /** Answers with {@code problem}, dropping headers set for a body that will not be sent. */
    public static void write(RoutingContext ctx, Problem problem) {
        ctx.response().headers()
                .remove(HttpHeaders.CONTENT_LENGTH)
                .remove(HttpHeaders.CONTENT_DISPOSITION)
                .remove(HttpHeaders.ETAG);
        if (problem.status() != 416) {
            ctx.response().headers().remove("Content-Range");
        }
        if (problem.status() == 503 && !ctx.response().headers().contains(Problems.RETRY_AFTER)) {
            ctx.response().putHeader(Problems.RETRY_AFTER, Integer.toString(DependencyFailures.RETRY_AFTER_SECONDS));
        }
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
