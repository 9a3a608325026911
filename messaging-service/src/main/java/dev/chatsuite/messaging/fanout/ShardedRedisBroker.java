package dev.chatsuite.messaging.fanout;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * {@link Broker} on a Redis Cluster with sharded pub/sub: the same {@link Channels} and
 * {@link Wire} messages as {@link RedisBroker}, but each channel lives on the shard that owns its
 * slot, so a publication reaches only the shard of its conversation (or of its recipients).
 * Publishing: the messages are grouped by shard primary and each group's SPUBLISH commands are
 * pipelined on a pooled connection to that primary. Subscribing: one dedicated connection per
 * shard primary, created on the delivery context, each channel SSUBSCRIBEd on the primary of its
 * slot.
 * <p>
 * Any sign that the topology moved (a subscriber connection lost, an unasked
 * {@code sunsubscribe}, an error reply such as MOVED, a periodic CLUSTER SLOTS that differs, a
 * publication refused) rebuilds every subscriber: re-read CLUSTER SLOTS, reconnect to the
 * primaries it names (a promoted replica after a failover), resubscribe every channel still
 * wanted, and report {@link Delivery#resubscribed()} so sockets catch up by seq.
 */
public class ShardedRedisBroker extends ChannelSubscriptions {

    private static final Logger LOG = Logger.getLogger(ShardedRedisBroker.class);
    private static final long MAX_BACKOFF_MILLIS = 2000;
    private static final long TOPOLOGY_CHECK_MILLIS = 5000;
    private static final long COMMAND_TIMEOUT_MILLIS = 3000;
    private final Vertx vertx;
    private final List<String> seeds = new ArrayList<>();
    private final String urlPrefix;
    /** Pooled clients per node ({@code host:port}): publishing and CLUSTER SLOTS. */
    private final Map<String, Redis> pools = new ConcurrentHashMap<>();
    /** The newest topology read; what publishers route by. */
    private volatile ClusterTopology topology;
    /** The topology the current subscribers were built for, and those subscribers by primary; context only. */
    private ClusterTopology subscribedTopology;
    private volatile Map<String, Shard> shards = Map.of();
    private volatile boolean subscribed;
    private volatile Delivery delivery = served.around((user, publication) -> {
    });
    private CompletableFuture<ClusterTopology> refreshing;
    private int generation;
    private boolean everSubscribed;
    private long backoffMillis = 250;
    private long checkTimer = -1;
    private volatile boolean stopped;

    /** One shard primary's subscriber connection. */
    private static final class Shard {
        final String address;
        final Redis client;
        final RedisConnection connection;
        /** SUNSUBSCRIBEs sent and not yet confirmed, so their pushes are not taken for a moved slot. */
        final Map<String, Integer> unsubscribing = new HashMap<>();

        Shard(String address, Redis client, RedisConnection connection) {
            this.address = address;
            this.client = client;
            this.connection = connection;
        }
    }

    /** {@code seedUrls}: {@code redis://[user:password@]host:port} of some cluster nodes; the first one's scheme and credentials are used for all. */
    public ShardedRedisBroker(Vertx vertx, FanoutContext context, List<String> seedUrls) {
        super(context);
        this.vertx = vertx;
        URI first = URI.create(seedUrls.get(0).trim());
        this.urlPrefix = first.getScheme() + "://" + (first.getRawUserInfo() == null ? "" : first.getRawUserInfo() + "@");
        for (String url : seedUrls) {
            URI uri = URI.create(url.trim());
            seeds.add(uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()));
        }
    }

    public void start() {
        context.execute(() -> {
            rebuild("start");
            scheduleTopologyCheck();
        });
    }

    public void stop() {
        stopped = true;
        subscribed = false;
        context.execute(() -> {
            if (checkTimer >= 0) {
                context.cancel(checkTimer);
            }
        });
        shards.values().forEach(shard -> shard.client.close());
        shards = Map.of();
        pools.values().forEach(Redis::close);
    }

    @Override
    public Uni<Void> publish(Collection<UUID> recipients, Publication publication) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Wire.Outgoing> messages = Wire.outgoing(recipients, publication);
        ClusterTopology current = topology;
        if (current == null) {
            return refresh().chain(read -> publishOn(read, messages, false));
        }
        return publishOn(current, messages, true);
    }

    /** One pipelined batch per shard primary; a refused batch is sent once more after the topology is read again. */
    private Uni<Void> publishOn(ClusterTopology on, List<Wire.Outgoing> messages, boolean retry) {
        Map<String, List<Wire.Outgoing>> byPrimary = new HashMap<>();
        List<Wire.Outgoing> unowned = new ArrayList<>();
        for (Wire.Outgoing message : messages) {
            String primary = on.owner(ClusterSlot.of(message.channel()));
            if (primary == null) {
                unowned.add(message);
            } else {
                byPrimary.computeIfAbsent(primary, p -> new ArrayList<>()).add(message);
            }
        }
        List<Uni<Void>> sends = new ArrayList<>(byPrimary.size() + 1);
        byPrimary.forEach((primary, group) -> {
            Uni<Void> send = spublish(primary, group);
            sends.add(retry ? send.onFailure().recoverWithUni(e -> refresh().chain(read -> publishOn(read, group, false))) : send);
        });
        if (!unowned.isEmpty()) {
            sends.add(retry ? refresh().chain(read -> publishOn(read, unowned, false))
                    : Uni.createFrom().failure(new IllegalStateException("No Redis Cluster primary serves the slot")));
        }
        return sends.size() == 1 ? sends.get(0) : Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }

    @Override
    public Uni<Boolean> send(UUID address, Publication publication) {
        String channel = Channels.user(address);
        Uni<ClusterTopology> on = topology == null ? refresh() : Uni.createFrom().item(topology);
        return on.chain(read -> {
            String primary = read.owner(ClusterSlot.of(channel));
            if (primary == null) {
                return Uni.createFrom().failure(new IllegalStateException("No Redis Cluster primary serves the slot"));
            }
            Request spublish = Request.cmd(Command.SPUBLISH).arg(channel).arg(Buffer.buffer(publication.encode()));
            return Uni.createFrom().completionStage(() -> pool(primary).send(spublish).toCompletionStage())
                    .ifNoItem().after(Duration.ofMillis(COMMAND_TIMEOUT_MILLIS)).fail()
                    .map(receivers -> receivers != null && receivers.toLong() > 0);
        });
    }

    private Uni<Void> spublish(String primary, List<Wire.Outgoing> messages) {
        List<Request> batch = new ArrayList<>(messages.size());
        for (Wire.Outgoing message : messages) {
            batch.add(Request.cmd(Command.SPUBLISH).arg(message.channel()).arg(message.payload()));
        }
        return Uni.createFrom().completionStage(() -> pool(primary).batch(batch).toCompletionStage()).replaceWithVoid()
                .ifNoItem().after(Duration.ofMillis(COMMAND_TIMEOUT_MILLIS)).fail();
    }

    @Override
    protected void sendUnsubscribe(String channel) {
        Shard shard = shardOf(channel);
        if (shard != null) {
            shard.unsubscribing.merge(channel, 1, Integer::sum);
            shard.connection.send(Request.cmd(Command.SUNSUBSCRIBE).arg(channel)).onFailure(e -> lost(shard));
        }
    }

    @Override
    public void deliverTo(Delivery delivery) {
        this.delivery = served.around(delivery);
    }

    /** True only while every shard primary's subscriber is connected and has confirmed its channels. */
    @Override
    public boolean ready() {
        return subscribed && !stopped;
    }

    /** While rebuilding, the channel waits for the resubscription. */
    @Override
    protected void sendSubscribe(String channel) {
        Shard shard = shardOf(channel);
        if (shard == null) {
            confirmed(channel);
            return;
        }
        shard.connection.send(Request.cmd(Command.SSUBSCRIBE).arg(channel)).onFailure(e -> {
            confirmed(channel);
            lost(shard);
        });
    }

    private Shard shardOf(String channel) {
        ClusterTopology on = subscribedTopology;
        if (on == null) {
            return null;
        }
        String primary = on.owner(ClusterSlot.of(channel));
        return primary == null ? null : shards.get(primary);
    }

    private void confirmed(String channel) {
        confirmations.confirmed(channel);
    }

    /**
     * On the delivery context: drops every subscriber and builds them again from a fresh
     * CLUSTER SLOTS. A newer rebuild supersedes one still under way (by generation).
     */
    private void rebuild(String reason) {
        if (stopped) {
            return;
        }
        if (everSubscribed) {
            LOG.warnf("Sharded broker resubscribing: %s", reason);
        }
        subscribed = false;
        int gen = ++generation;
        shards.values().forEach(shard -> shard.client.close());
        shards = Map.of();
        subscribedTopology = null;
        // Sockets waiting for a confirmation go on; the resubscription covers their channels.
        confirmations.releaseAll();
        connectAll(gen);
    }

    /** The subscriber connections opened for one topology. */
    private record Opened(ClusterTopology topology, List<Shard> shards) {
    }

    private void connectAll(int gen) {
        readTopology().compose(read -> {
            if (!read.complete()) {
                return Future.failedFuture("not every slot has a primary yet: " + read);
            }
            topology = read;
            List<Future<Shard>> opening = new ArrayList<>();
            for (String primary : read.primaries()) {
                opening.add(open(primary));
            }
            return Future.all(opening).map(all -> new Opened(read, all.<Shard> list()))
                    .onFailure(e -> opening.forEach(f -> f.onSuccess(shard -> shard.client.close())));
        }).onComplete(result -> context.execute(() -> {
            if (gen != generation || stopped) {
                if (result.succeeded()) {
                    result.result().shards().forEach(shard -> shard.client.close());
                }
                return;
            }
            if (result.failed()) {
                LOG.debugf("Sharded broker cannot subscribe yet (%s); retrying", result.cause().getMessage());
                retryLater(gen);
                return;
            }
            install(result.result(), gen);
        }));
    }

    /** A dedicated connection to {@code primary}, opened on the delivery context so its pushes are handled there. */
    private Future<Shard> open(String primary) {
        Promise<Shard> promise = Promise.promise();
        context.execute(() -> {
            Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url(primary)).setMaxPoolSize(1));
            client.connect().onComplete(result -> {
                if (result.failed()) {
                    client.close();
                    promise.fail(result.cause());
                    return;
                }
                Shard shard = new Shard(primary, client, result.result());
                shard.connection.handler(reply -> onPush(shard, reply));
                shard.connection.exceptionHandler(e -> lost(shard));
                shard.connection.endHandler(v -> lost(shard));
                promise.complete(shard);
            });
        });
        return promise.future();
    }

    /** Subscribes every channel still wanted on its shard; once all are confirmed the broker is ready (again). */
    private void install(Opened opened, int gen) {
        Map<String, Shard> byPrimary = new HashMap<>();
        opened.shards().forEach(shard -> byPrimary.put(shard.address, shard));
        shards = Map.copyOf(byPrimary);
        subscribedTopology = opened.topology();
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        for (String channel : subscriptions.channels()) {
            Shard shard = shardOf(channel);
            confirmations.add(this.confirmations.expect(channel));
            shard.connection.send(Request.cmd(Command.SSUBSCRIBE).arg(channel)).onFailure(e -> lost(shard));
        }
        CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).thenRun(() -> context.execute(() -> {
            if (gen != generation || stopped) {
                return;
            }
            boolean first = !everSubscribed;
            everSubscribed = true;
            subscribed = true;
            backoffMillis = 250;
            LOG.debugf("Sharded broker subscribed on %d primaries; %d channels", byPrimary.size(), subscriptions.channels().size());
            if (!first) {
                delivery.resubscribed();
            }
        }));
        // A confirmation that never comes (a reply lost in a failover) starts over.
        context.schedule(COMMAND_TIMEOUT_MILLIS * 2, () -> {
            if (gen == generation && !subscribed && !stopped) {
                rebuild("subscriptions not confirmed in time");
            }
        });
    }

    private void lost(Shard shard) {
        context.execute(() -> {
            if (shards.get(shard.address) == shard) {
                rebuild("connection to " + shard.address + " lost");
            }
        });
    }

    private void retryLater(int gen) {
        long delay = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        context.schedule(delay, () -> {
            if (gen == generation && !stopped) {
                connectAll(gen);
            }
        });
    }

    private void onPush(Shard shard, Response reply) {
        if (reply == null) {
            return;
        }
        if (reply.type() == ResponseType.ERROR) {
            // MOVED / CLUSTERDOWN to an SSUBSCRIBE: the slot is elsewhere now.
            if (shards.get(shard.address) == shard) {
                rebuild("error from " + shard.address + ": " + reply);
            }
            return;
        }
        if ((reply.type() != ResponseType.PUSH && reply.type() != ResponseType.MULTI) || reply.size() < 3) {
            return;
        }
        String kind = reply.get(0).toString();
        String channel = reply.get(1).toString();
        switch (kind) {
            case "smessage" -> Wire.received(channel, reply.get(2).toString(), delivery);
            case "ssubscribe" -> confirmed(channel);
            case "sunsubscribe" -> {
                boolean asked = shard.unsubscribing.containsKey(channel);
                shard.unsubscribing.computeIfPresent(channel, (c, n) -> n == 1 ? null : n - 1);
                if (!asked && subscriptions.contains(channel) && shards.get(shard.address) == shard) {
                    // Redis dropped it: the slot moved to another shard (resharding or failover).
                    rebuild("slot of " + channel + " moved away from " + shard.address);
                }
            }
            default -> {
            }
        }
    }

    /** Reads CLUSTER SLOTS again, at most one read at a time; a changed topology rebuilds the subscribers. */
    private Uni<ClusterTopology> refresh() {
        CompletableFuture<ClusterTopology> read = new CompletableFuture<>();
        context.execute(() -> {
            CompletableFuture<ClusterTopology> current = refreshing;
            if (current == null) {
                // A read that fails at once completes (and clears the field) before this task ends: keep it local.
                CompletableFuture<ClusterTopology> mine = new CompletableFuture<>();
                current = mine;
                refreshing = mine;
                readTopology().onComplete(result -> context.execute(() -> {
                    if (refreshing == mine) {
                        refreshing = null;
                    }
                    if (result.failed()) {
                        mine.completeExceptionally(result.cause());
                        return;
                    }
                    ClusterTopology fresh = result.result();
                    topology = fresh;
                    if (subscribed && !fresh.sameSlotsAs(subscribedTopology)) {
                        rebuild("topology changed: " + fresh);
                    }
                    mine.complete(fresh);
                }));
            }
            current.whenComplete((t, e) -> {
                if (e != null) {
                    read.completeExceptionally(e);
                } else {
                    read.complete(t);
                }
            });
        });
        return Uni.createFrom().completionStage(read);
    }

    private void scheduleTopologyCheck() {
        if (stopped) {
            return;
        }
        checkTimer = context.schedule(TOPOLOGY_CHECK_MILLIS, () -> {
            if (subscribed) {
                refresh().subscribe().with(t -> scheduleTopologyCheck(), e -> scheduleTopologyCheck());
            } else {
                scheduleTopologyCheck();
            }
        });
    }

    /** CLUSTER SLOTS from the first node that answers: those of the last topology first, then the seeds. */
    private Future<ClusterTopology> readTopology() {
        Set<String> candidates = new LinkedHashSet<>();
        ClusterTopology last = topology;
        if (last != null) {
            candidates.addAll(last.nodes());
        }
        candidates.addAll(seeds);
        return readFrom(List.copyOf(candidates), 0, null);
    }

    private Future<ClusterTopology> readFrom(List<String> candidates, int index, Throwable lastFailure) {
        if (index >= candidates.size()) {
            return Future.failedFuture(lastFailure == null ? new IllegalStateException("no Redis Cluster node") : lastFailure);
        }
        String address = candidates.get(index);
        return timeout(pool(address).send(Request.cmd(Command.CLUSTER).arg("SLOTS")))
                .map(reply -> ClusterTopology.parse(reply, address.substring(0, address.lastIndexOf(':'))))
                .recover(e -> readFrom(candidates, index + 1, e));
    }

    private <T> Future<T> timeout(Future<T> future) {
        Promise<T> promise = Promise.promise();
        long timer = vertx.setTimer(COMMAND_TIMEOUT_MILLIS, id -> promise.tryFail("Redis did not answer in " + COMMAND_TIMEOUT_MILLIS + " ms"));
        future.onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                promise.tryComplete(result.result());
            } else {
                promise.tryFail(result.cause());
            }
        });
        return promise.future();
    }

    private Redis pool(String address) {
        return pools.computeIfAbsent(address,
                a -> Redis.createClient(vertx, new RedisOptions().setConnectionString(url(a)).setMaxPoolSize(4).setMaxPoolWaiting(4096)));
    }

    private String url(String address) {
        return urlPrefix + address;
    }
}
