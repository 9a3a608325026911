package dev.chatsuite.messaging.realtime;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * {@link Broker} on Redis pub/sub, over one dedicated connection (pub/sub cannot share the
 * pooled ones). When the connection drops (Redis restarts), it reconnects with back-off and
 * subscribes again to every channel its connections still need, so delivery resumes by itself.
 */
@ApplicationScoped
public class RedisBroker implements Broker {

    private static final Logger LOG = Logger.getLogger(RedisBroker.class);
    private static final long MAX_BACKOFF_MILLIS = 5000;
    private final Vertx vertx;
    private final String url;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private volatile RedisConnection connection;
    private volatile BiConsumer<String, String> listener = (c, p) -> {
    };
    private volatile long backoffMillis = 250;
    private volatile boolean stopped;

    public RedisBroker(Vertx vertx, @ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts) {
        this.vertx = vertx;
        this.url = hosts.get(0);
    }

    void start(@Observes StartupEvent event) {
        connect();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        RedisConnection current = connection;
        if (current != null) {
            current.close();
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(1)).connect().onComplete(result -> {
            if (result.failed()) {
                retryLater();
                return;
            }
            RedisConnection opened = result.result();
            opened.handler(this::onPush);
            opened.exceptionHandler(e -> lost(opened));
            opened.endHandler(v -> lost(opened));
            connection = opened;
            backoffMillis = 250;
            if (!channels.isEmpty()) {
                send(opened, Command.SUBSCRIBE, channels.toArray(String[]::new));
            }
            LOG.debugf("Broker connected; %d channels", channels.size());
        });
    }

    private void lost(RedisConnection which) {
        if (connection == which) {
            connection = null;
            LOG.warn("Broker connection lost; reconnecting");
            retryLater();
        }
    }

    private void retryLater() {
        if (stopped || !reconnecting.compareAndSet(false, true)) {
            return;
        }
        long delay = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        vertx.setTimer(delay, id -> {
            reconnecting.set(false);
            connect();
        });
    }

    private void onPush(Response response) {
        if (response == null || (response.type() != ResponseType.PUSH && response.type() != ResponseType.MULTI) || response.size() < 3) {
            return;
        }
        if ("message".equals(response.get(0).toString())) {
            listener.accept(response.get(1).toString(), response.get(2).toString());
        }
    }

    @Override
    public void subscribe(String channel) {
        RedisConnection current = connection;
        if (channels.add(channel) && current != null) {
            send(current, Command.SUBSCRIBE, channel);
        }
    }

    @Override
    public void unsubscribe(String channel) {
        RedisConnection current = connection;
        if (channels.remove(channel) && current != null) {
            send(current, Command.UNSUBSCRIBE, channel);
        }
    }

    @Override
    public void listen(BiConsumer<String, String> listener) {
        this.listener = listener;
    }

    @Override
    public boolean connected() {
        return connection != null;
    }

    private void send(RedisConnection on, Command command, String... args) {
        Request request = Request.cmd(command);
        for (String arg : args) {
            request.arg(arg);
        }
        on.send(request).onFailure(e -> lost(on));
    }
}
