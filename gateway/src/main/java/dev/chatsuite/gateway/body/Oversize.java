package dev.chatsuite.gateway.body;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.Problem;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.problem.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * A body over its cap: 413 problem+json at once, then the connection is closed, so the rest
 * of the body is never read (a client may keep sending; nothing of it is kept).
 */
public final class Oversize {

    private Oversize() {
    }

    public static ProblemException problem(long max) {
        return CommonProblem.PAYLOAD_TOO_LARGE.exception("The request body is over this route's limit of " + human(max) + ".");
    }

    /** Answers 413 (unless an answer has started) and closes the connection once it is written. */
    public static void refuse(RoutingContext ctx, long max) {
        refuse(ctx, problem(max));
    }

    public static void refuse(RoutingContext ctx, ProblemException refusal) {
        if (ctx.response().headWritten()) {
            if (!ctx.response().ended()) {
                ctx.request().connection().close();
            }
            return;
        }
        Problem problem = Problems.of(413, refusal.type(), refusal.getMessage(), ctx.request().path(), null);
        ctx.response().headers().remove(HttpHeaders.CONTENT_LENGTH);
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(Json.encode(problem))
                .onComplete(written -> ctx.request().connection().close());
    }

    static String human(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
