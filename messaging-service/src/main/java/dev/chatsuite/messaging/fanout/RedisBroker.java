package dev.chatsuite.messaging.fanout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * {@link Broker} on Redis pub/sub. Publishing: one channel per user ({@code chat:user:<id>}),
 * all the PUBLISH commands of one publication pipelined on one pooled connection, the payload
 * encoded once. Subscribing: one dedicated connection (pub/sub cannot share pooled ones),
 * created on the delivery context so what it receives is handled there; when it drops, it
 * reconnects with back-off, subscribes again to every user still connected and reports
 * {@link Delivery#resubscribed()} so sockets can look for what they missed.
 */
public class RedisBroker implements Broker {

    public static final String USER_CHANNEL_PREFIX = "chat:user:";
    private static final Logger LOG = Logger.getLogger(RedisBroker.class);
    private static final long MAX_BACKOFF_MILLIS = 5000;
    private final Vertx vertx;
    private final FanoutContext context;
    private final io.vertx.mutiny.redis.client.Redis pool;
    private final String url;
    private final Subscriptions subscriptions = new Subscriptions();
    private final Confirmations confirmations = new Confirmations();
    private volatile RedisConnection connection;
    private volatile boolean subscribed;
    private volatile Delivery delivery = (user, publication) -> {
    };
    private long backoffMillis = 250;
    private boolean reconnecting;
    private boolean everSubscribed;
    private volatile boolean stopped;

    public RedisBroker(Vertx vertx, FanoutContext context, io.vertx.mutiny.redis.client.Redis pool, String url) {
        this.vertx = vertx;
        this.context = context;
        this.pool = pool;
        this.url = url;
    }

    public static String channel(UUID user) {
        return USER_CHANNEL_PREFIX + user;
    }

    public void start() {
        context.execute(this::connect);
    }

    public void stop() {
        stopped = true;
        RedisConnection current = connection;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public Uni<Void> publish(Collection<UUID> recipients, Publication publication) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Buffer payload = Buffer.buffer(publication.encode());
        List<io.vertx.mutiny.redis.client.Request> batch = new ArrayList<>(recipients.size());
        for (UUID user : recipients) {
            batch.add(io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.PUBLISH).arg(channel(user))
                    .arg(io.vertx.mutiny.core.buffer.Buffer.newInstance(payload)));
        }
        return pool.batch(batch).replaceWithVoid();
    }

    @Override
    public Uni<Void> subscribe(UUID user) {
        return confirmations.subscribe(subscriptions, user, channel(user), channel -> context.execute(() -> sendSubscribe(channel)));
    }

    @Override
    public void unsubscribe(UUID user) {
        String channel = channel(user);
        subscriptions.remove(user, () -> context.execute(() -> {
            RedisConnection current = connection;
            if (current != null) {
                current.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel)).onFailure(e -> lost(current));
            }
        }));
    }

    @Override
    public void deliverTo(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public boolean ready() {
        return connection != null && subscribed;
    }

    /** On the delivery context. While disconnected the channel waits for the resubscription. */
    private void sendSubscribe(String channel) {
        RedisConnection current = connection;
        if (current == null) {
            confirmed(channel);
            return;
        }
        current.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(e -> {
            confirmed(channel);
            lost(current);
        });
    }

    private void confirmed(String channel) {
        confirmations.confirmed(channel);
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
            resubscribe(opened);
        });
    }

    /**
     * Subscribes to every user still connected, one command each (pub/sub commands get no reply
     * of their own: each is confirmed by a "subscribe" push), and once all are confirmed reports
     * the resubscription. No other command goes on this connection, since in subscribed mode
     * replies and pushes cannot be told apart.
     */
    private void resubscribe(RedisConnection on) {
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        for (UUID user : subscriptions.users()) {
            String channel = channel(user);
            confirmations.add(this.confirmations.expect(channel));
            on.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(e -> lost(on));
        }
        CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).thenRun(() -> context.execute(() -> {
            if (connection != on) {
                return;
            }
            boolean first = !everSubscribed;
            everSubscribed = true;
            subscribed = true;
            LOG.debugf("Broker subscribed; %d users", subscriptions.users().size());
            if (!first) {
                delivery.resubscribed();
            }
        }));
    }

    private void lost(RedisConnection which) {
        context.execute(() -> {
            if (connection == which) {
                connection = null;
                subscribed = false;
                which.close();
                // Sockets waiting for a confirmation go on; the resubscription covers their users.
                confirmations.releaseAll();
                LOG.warn("Broker connection lost; reconnecting");
                retryLater();
            }
        });
    }

    private void retryLater() {
        if (stopped || reconnecting) {
            return;
        }
        reconnecting = true;
        long delay = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        context.schedule(delay, () -> {
            reconnecting = false;
            connect();
        });
    }

    private void onPush(Response response) {
        if (response == null || response.size() < 3) {
            return;
        }
        String kind = response.get(0).toString();
        if ("message".equals(kind)) {
            String channel = response.get(1).toString();
            if (!channel.startsWith(USER_CHANNEL_PREFIX)) {
                return;
            }
            UUID user;
            try {
                user = UUID.fromString(channel.substring(USER_CHANNEL_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                return;
            }
            Publication publication = Publication.decode(response.get(2).toString());
            if (publication != null) {
                delivery.deliver(user, publication);
            }
        } else if ("subscribe".equals(kind)) {
            confirmed(response.get(1).toString());
        }
    }
}
