package dev.chatsuite.common.request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs first on every HTTP request: settles the request id (echoed on the response, put in
 * the MDC so every log line of the request carries it) and writes one access-log line when
 * the response ends.
 */
@ApplicationScoped
public class RequestContextFilter {

    /** Above Quarkus's own filters, so even early failures carry the id. */
    static final int PRIORITY = 10_000;

    private final AccessLog accessLog;

    public RequestContextFilter(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext ctx) {
        String requestId = RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER));
        long startNanos = System.nanoTime();
        ctx.put(RequestIds.MDC_KEY, requestId);
        try {
            ContextLocals.put(RequestIds.MDC_KEY, requestId);
        } catch (UnsupportedOperationException notDuplicated) {
            // Only a non-duplicated context lands here; the MDC and routing context still carry the id.
        }
        MDC.put(RequestIds.MDC_KEY, requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        ctx.addEndHandler(ignored -> accessLog.write(ctx, requestId, startNanos));
        ctx.next();
    }
}
