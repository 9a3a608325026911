package dev.chatsuite.messaging.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.chatsuite.messaging.MessagingConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Which instance stores a conversation's plain posts. From sockets on several instances, a
 * conversation's posts would take its row in turn, each holding it across its own WAL flush; at
 * one instance they meet in its {@link PostLanes} and share statements and flushes. The owner is
 * the live instance that ranks highest for the conversation (rendezvous hashing: an instance that
 * comes or goes moves only its own share). Instances announce themselves every second in a Redis
 * sorted set named for their database and {@link PostWire}'s version
 * ({@code chat:post-owners:<version>:<reactive datasource URL>}): while a rollout changes the
 * wire, old and new instances each pick owners among their own kind, so no post is sent to an
 * instance that cannot read it (a conversation then has one owner in each set for a while; its
 * row lock still orders their posts).
 */
@ApplicationScoped
public class PostOwners {

    private static final Logger LOG = Logger.getLogger(PostOwners.class);
    static final String KEY_PREFIX = "chat:post-owners:" + PostWire.VERSION + ":";
    static final long BEAT_MILLIS = 1000;
    /** An instance that has not announced itself for this long is no longer an owner. */
    static final long SILENT_MILLIS = 4000;

    private final UUID self;
    /** One set per database: deployments (or test runs) that share a Redis never store into each other's. */
    private final String key;
    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final boolean enabled;
    private volatile List<UUID> live;
    /** Instances found serving nothing since the last announcement (they stopped or crashed). */
    private final Set<UUID> gone = ConcurrentHashMap.newKeySet();
    private long timer = -1;

    @Inject
    PostOwners(ReactiveRedisDataSource redis, Vertx vertx, MessagingConfig config,
            @ConfigProperty(name = "messaging.broker", defaultValue = "redis") String broker,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String database) {
        this(UUID.randomUUID(), key(database), redis, vertx, config.postsToOwner() && !"memory".equals(broker));
    }

    PostOwners(UUID self, String key, ReactiveRedisDataSource redis, Vertx vertx, boolean enabled) {
        this.self = self;
        this.key = key;
        this.redis = redis;
        this.vertx = vertx;
        this.enabled = enabled;
        this.live = List.of(self);
    }

    /** The set where instances storing into {@code database} and speaking this {@link PostWire} announce themselves. */
    static String key(String database) {
        return KEY_PREFIX + database;
    }

    /** This instance's address on the broker. */
    public UUID self() {
        return self;
    }

    /** False when every post is stored where it arrives (one instance, or MESSAGING_POSTS_TO_OWNER=false). */
    public boolean enabled() {
        return enabled;
    }

    /** The instance that stores {@code conversation}'s plain posts; this one when it knows no other. */
    public UUID ownerOf(UUID conversation) {
        List<UUID> known = live;
        if (known.size() == 1 || !enabled) {
            return self;
        }
        if (gone.isEmpty()) {
            return rank(conversation, known);
        }
        List<UUID> candidates = new ArrayList<>(known.size());
        for (UUID instance : known) {
            if (instance.equals(self) || !gone.contains(instance)) {
                candidates.add(instance);
            }
        }
        return rank(conversation, candidates);
    }

    /** True while {@code instance} announces itself and has not been found serving nothing. */
    boolean live(UUID instance) {
        return instance.equals(self) || (live.contains(instance) && !gone.contains(instance));
    }

    /** {@code instance} serves nothing: skipped until it announces itself again. */
    void gone(UUID instance) {
        gone.add(instance);
    }

    /** Sets the instances known to be live (the announcement's answer; tests). */
    void live(Collection<UUID> instances) {
        List<UUID> seen = new ArrayList<>(instances);
        if (!seen.contains(self)) {
            seen.add(self);
        }
        live = List.copyOf(seen);
        gone.clear();
    }

    /** Rendezvous hashing: the instance whose mix with the conversation is highest. */
    static UUID rank(UUID conversation, Collection<UUID> instances) {
        UUID best = null;
        long bestScore = 0;
        for (UUID instance : instances) {
            long score = mix(conversation.getMostSignificantBits() * 31 + conversation.getLeastSignificantBits()
                    ^ mix(instance.getMostSignificantBits() * 31 + instance.getLeastSignificantBits()));
            if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
                best = instance;
                bestScore = score;
            }
        }
        return best;
    }

    /** MurmurHash3's 64-bit finaliser: every input bit moves every output bit. */
    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            announce();
            timer = vertx.setPeriodic(BEAT_MILLIS, t -> announce());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            try {
                redis.execute("ZREM", key, self.toString()).await().atMost(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debugf("Could not withdraw from %s: %s", key, e.getClass().getSimpleName());
            }
        }
    }

    /** Announces this instance and reads who else is live; while Redis is down the last view stays. */
    private void announce() {
        long now = System.currentTimeMillis();
        redis.execute("ZADD", key, Long.toString(now), self.toString())
                .chain(() -> redis.execute("ZREMRANGEBYSCORE", key, "-inf", Long.toString(now - SILENT_MILLIS)))
                .chain(() -> redis.execute("ZRANGE", key, "0", "-1"))
                .subscribe().with(this::read, failure -> LOG.debugf("Could not announce in %s: %s", key, failure.getClass().getSimpleName()));
    }

    private void read(Response members) {
        List<UUID> seen = new ArrayList<>();
        if (members != null) {
            for (Response member : members) {
                try {
                    seen.add(UUID.fromString(member.toString()));
                } catch (IllegalArgumentException e) {
                    // Not an instance's id: ignored.
                }
            }
        }
        live(seen);
    }
}
