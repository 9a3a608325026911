package dev.chatsuite.messaging.fanout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Sends publishing commands on one Redis connection per event loop, pipelined: a burst of
 * publications from one loop goes out on its socket without a connection lease each and without
 * waiting for one another's replies (with a pool of eight, bursts of posts queued for a free
 * connection). A command from any other thread, or from a loop whose connection is not up yet
 * or was lost (it reconnects on a later command, at most once a second), goes through the pool.
 */
final class LoopConnections {

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final Vertx vertx;
    private final Redis pool;
    private final RedisOptions options;
    private final Map<EventLoop, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /** One loop's connection; only that loop's thread changes it ({@link #stop} and {@link #open} read it from others). */
    private static final class Slot {
        volatile RedisConnection connection;
        boolean connecting;
        long retryAt;
    }

    LoopConnections(Vertx vertx, Redis pool, String url) {
        this.vertx = vertx;
        this.pool = pool;
        this.options = new RedisOptions().setConnectionString(url).setMaxPoolSize(1);
    }

    Future<Response> send(Request request) {
        RedisConnection here = here();
        return here == null ? pool.send(request) : here.send(request);
    }

    Future<List<Response>> batch(List<Request> requests) {
        RedisConnection here = here();
        return here == null ? pool.batch(requests) : here.batch(requests);
    }

    void stop() {
        stopped = true;
        slots.values().forEach(slot -> {
            RedisConnection open = slot.connection;
            if (open != null) {
                open.close();
            }
        });
    }

    /** For tests: event loops with an open connection. */
    int open() {
        return (int) slots.values().stream().filter(slot -> slot.connection != null).count();
    }

    /** This loop's connection, or null (and a connect started when due) when it has none. */
    private RedisConnection here() {
        ContextInternal context = ContextInternal.current();
        if (stopped || context == null || !context.isEventLoopContext()) {
            return null;
        }
        Slot slot = slots.computeIfAbsent(context.nettyEventLoop(), loop -> new Slot());
        if (slot.connection == null && !slot.connecting && System.nanoTime() - slot.retryAt >= 0) {
            connect(slot);
        }
        return slot.connection;
    }

    private void connect(Slot slot) {
        slot.connecting = true;
        Redis.createClient(vertx, options).connect().onComplete(result -> {
            slot.connecting = false;
            if (result.failed()) {
                slot.retryAt = System.nanoTime() + RETRY_NANOS;
                return;
            }
            RedisConnection opened = result.result();
            if (stopped) {
                opened.close();
                return;
            }
            opened.exceptionHandler(e -> lost(slot, opened));
            opened.endHandler(v -> lost(slot, opened));
            slot.connection = opened;
        });
    }

    private void lost(Slot slot, RedisConnection which) {
        if (slot.connection == which) {
            slot.connection = null;
            slot.retryAt = System.nanoTime() + RETRY_NANOS;
            which.close();
        }
    }
}
