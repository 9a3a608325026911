package dev.chatsuite.gateway.upstream;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.http.ContentLength;
import dev.chatsuite.common.request.AccessLog;
import dev.chatsuite.common.request.RequestIds;
import dev.chatsuite.gateway.GatewayConfig;
import dev.chatsuite.gateway.backend.Upstream;
import dev.chatsuite.gateway.backend.UpstreamFailures;
import dev.chatsuite.gateway.body.CappedStream;
import dev.chatsuite.gateway.body.Oversize;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * Forwards one HTTP request with the Vert.x HTTP client, streaming the body both ways with
 * backpressure (an upload or a download is never held whole). Idempotent requests whose
 * connect fails move on to the next healthy URL; anything else fails with 502/503/504.
 */
@ApplicationScoped
public class HttpForwarder {

    /** Responses up to this size are read whole and written at once; bigger ones stream. */
    private static final long BUFFERED_RESPONSE = 64 * 1024;
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-authenticate",
            "trailer", "te", RequestIds.HEADER.toLowerCase(Locale.ROOT));
    private final boolean upstreamLogs;

    public HttpForwarder(GatewayConfig config) {
        this.upstreamLogs = config.accessLog() == GatewayConfig.AccessLogScope.OWN;
    }

    /**
     * Forwards the request to {@code uri} (its canonical path and query); {@code body} is the
     * already-read body, or null to stream it from the (paused) request, refused with 413 as
     * soon as more than {@code maxBody} bytes have come, whether or not a length was declared.
     */
    public void forward(RoutingContext ctx, Upstream upstream, Buffer body, String uri, long maxBody) {
        if (body == null && ContentLength.parse(ctx.request().getHeader("Content-Length")) > maxBody) {
            Oversize.refuse(ctx, maxBody);
            return;
        }
        boolean retryable = IDEMPOTENT.contains(ctx.request().method()) && !hasBody(ctx.request());
        attempt(ctx, upstream, body, new Destination(uri, maxBody), retryable ? upstream.size() : 1);
    }

    /** Where the request goes upstream and how much body it may carry. */
    private record Destination(String uri, long maxBody) {
    }

    private void attempt(RoutingContext ctx, Upstream upstream, Buffer body, Destination to, int attemptsLeft) {
        HttpServerRequest request = ctx.request();
        Upstream.Target target = upstream.pick().orElse(null);
        if (target == null) {
            fail(ctx, UpstreamFailures.noneHealthy(upstream));
            return;
        }
        MultiMap headers = ForwardedHeaders.forHttp(ctx, body == null);
        RequestOptions options = new RequestOptions()
                .setHost(target.host()).setPort(target.port()).setSsl(target.ssl())
                .setMethod(request.method())
                .setURI(to.uri())
                .setHeaders(headers)
                .setIdleTimeout(upstream.config().idleTimeout().toMillis());
        upstream.http().request(options).onComplete(connected -> {
            if (connected.failed()) {
                if (UpstreamFailures.isConnectFailure(connected.cause())) {
                    upstream.markDown(target);
                    if (attemptsLeft > 1) {
                        attempt(ctx, upstream, body, to, attemptsLeft - 1);
                        return;
                    }
                }
                fail(ctx, UpstreamFailures.problem(upstream, connected.cause()));
                return;
            }
            send(ctx, upstream, connected.result(), body, to.maxBody());
        });
    }

    private void send(RoutingContext ctx, Upstream upstream, HttpClientRequest outbound, Buffer body, long maxBody) {
        HttpServerRequest request = ctx.request();
        Future<HttpClientResponse> response;
        if (body != null) {
            response = outbound.send(body);
        } else if (hasBody(request)) {
            if (request.getHeader("Content-Length") == null) {
                outbound.setChunked(true);
            }
            if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
                ctx.response().writeContinue();
            }
            response = outbound.send(new CappedStream(request, maxBody, () -> {
                Oversize.refuse(ctx, maxBody);
                outbound.reset();
            }));
        } else {
            request.resume();
            response = outbound.send();
        }
        response.onComplete(answered -> {
            if (answered.failed()) {
                fail(ctx, UpstreamFailures.problem(upstream, answered.cause()));
            } else {
                relay(ctx, answered.result());
            }
        });
    }

    private void relay(RoutingContext ctx, HttpClientResponse upstream) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            // The client left: drop the upstream exchange quietly (the reset is expected, not an error to log).
            upstream.exceptionHandler(ignored -> {
            });
            upstream.request().reset();
            return;
        }
        if (upstreamLogs && upstream.statusCode() < 500) {
            ctx.put(AccessLog.LOGGED_UPSTREAM, true);
        }
        response.setStatusCode(upstream.statusCode());
        response.setStatusMessage(upstream.statusMessage());
        upstream.headers().forEach(header -> {
            if (!NOT_RELAYED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                response.headers().add(header.getKey(), header.getValue());
            }
        });
        if (upstream.getHeader("Content-Length") == null && upstream.statusCode() != 204 && upstream.statusCode() != 304
                && ctx.request().method() != HttpMethod.HEAD) {
            response.setChunked(true);
        }
        long length = ContentLength.parse(upstream.getHeader("Content-Length"));
        if (length >= 0 && length <= BUFFERED_RESPONSE) {
            // Small answers (most API calls) go out in one write instead of head, body and end.
            upstream.body().onComplete(body -> {
                if (body.succeeded()) {
                    response.end(body.result());
                } else if (!response.closed()) {
                    ctx.request().connection().close();
                }
            });
            return;
        }
        upstream.pipeTo(response).onFailure(e -> {
            if (!response.closed()) {
                ctx.request().connection().close();
            }
        });
    }

    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return (length != null && !"0".equals(length.trim())) || request.getHeader("Transfer-Encoding") != null;
    }

    private static void fail(RoutingContext ctx, RuntimeException problem) {
        ctx.request().resume();
        if (!ctx.response().headWritten()) {
            ctx.fail(problem);
        } else if (!ctx.response().ended()) {
            ctx.request().connection().close();
        }
    }
}
