package dev.chatsuite.common.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoop;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.ContextInternal;

/**
 * An HTTP client per event loop, with the same options and pool size each.
 * <p>
 * Vert.x's pool hands any idle connection to any caller, so with one shared client a request
 * made on one event loop was usually answered on another and every response (every chunk of a
 * streamed one) crossed threads: a task queue and a selector wake-up each time. A client per
 * loop keeps a request, its connection and its response on one thread; the pool size is
 * therefore per event loop.
 */
public final class EventLoopHttpClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final HttpClient shared;
    private final Map<EventLoop, HttpClient> perEventLoop = new ConcurrentHashMap<>();

    public EventLoopHttpClients(Vertx vertx, HttpClientOptions options, PoolOptions pool) {
        this.vertx = vertx;
        this.options = options;
        this.pool = pool;
        this.shared = vertx.createHttpClient(options, pool);
    }

    /** The client of the calling event loop; a shared one off the event loops. */
    public HttpClient current() {
        if (!(Vertx.currentContext() instanceof ContextInternal context) || !context.isEventLoopContext()) {
            return shared;
        }
        return perEventLoop.computeIfAbsent(context.nettyEventLoop(), loop -> vertx.createHttpClient(options, pool));
    }
}
