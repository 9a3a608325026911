package dev.chatsuite.messaging.fanout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * {@link Broker} on Redis pub/sub. Publishing: the {@link Wire} messages of one publication
 * (one per conversation, or one per user for a user's event) pipelined on the calling event
 * loop's own connection ({@link LoopConnections}). Subscribing: one dedicated connection
 * (pub/sub cannot share pooled ones), created on the delivery context so what it receives is
 * handled there; when it drops, it reconnects with back-off, subscribes again to every channel
 * still wanted and reports {@link Delivery#resubscribed()} so sockets can look for what they
 * missed.
 */
public class RedisBroker extends ChannelSubscriptions {

    private static final Logger LOG = Logger.getLogger(RedisBroker.class);
    private static final long MAX_BACKOFF_MILLIS = 5000;
    private final Vertx vertx;
    private final LoopConnections publishing;
    private final String url;
    private volatile RedisConnection connection;
    private volatile boolean subscribed;
    private volatile Delivery delivery = served.around((user, publication) -> {
    });
    private long backoffMillis = 250;
    private boolean reconnecting;
    private boolean everSubscribed;
    private volatile boolean stopped;

    public RedisBroker(Vertx vertx, FanoutContext context, io.vertx.mutiny.redis.client.Redis pool, String url) {
        super(context);
        this.vertx = vertx;
        this.publishing = new LoopConnections(vertx, pool.getDelegate(), url);
        this.url = url;
    }

    public void start() {
        context.execute(this::connect);
    }

    public void stop() {
        stopped = true;
        publishing.stop();
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
        List<Request> batch = new ArrayList<>();
        for (Wire.Outgoing message : Wire.outgoing(recipients, publication)) {
            batch.add(Request.cmd(Command.PUBLISH).arg(message.channel()).arg(message.payload()));
        }
        return (batch.size() == 1 ? UniHelper.toUni(publishing.send(batch.get(0))) : UniHelper.toUni(publishing.batch(batch))).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> send(UUID address, Publication publication) {
        return UniHelper.toUni(publishing.send(Request.cmd(Command.PUBLISH).arg(Channels.user(address)).arg(Buffer.buffer(publication.encode()))))
                .map(receivers -> receivers != null && receivers.toLong() > 0);
    }

    /** For tests: event loops publishing on their own connection. */
    int publishingConnections() {
        return publishing.open();
    }

    @Override
    protected void sendUnsubscribe(String channel) {
        RedisConnection current = connection;
        if (current != null) {
            current.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel)).onFailure(e -> lost(current));
        }
    }

    @Override
    public void deliverTo(Delivery delivery) {
        this.delivery = served.around(delivery);
    }

    @Override
    public boolean ready() {
        return connection != null && subscribed;
    }

    /** While disconnected the channel waits for the resubscription. */
    @Override
    protected void sendSubscribe(String channel) {
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
     * Subscribes to every channel still wanted, one command each (pub/sub commands get no reply
     * of their own: each is confirmed by a "subscribe" push), and once all are confirmed reports
     * the resubscription. No other command goes on this connection, since in subscribed mode
     * replies and pushes cannot be told apart.
     */
    private void resubscribe(RedisConnection on) {
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        for (String channel : subscriptions.channels()) {
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
            LOG.debugf("Broker subscribed; %d channels", subscriptions.channels().size());
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
                // Sockets waiting for a confirmation go on; the resubscription covers their channels.
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
            Wire.received(response.get(1).toString(), response.get(2).toString(), delivery);
        } else if ("subscribe".equals(kind)) {
            confirmed(response.get(1).toString());
        }
    }
}
