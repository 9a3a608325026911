package dev.chatsuite.media.sweep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.chatsuite.media.MediaConfig;
import dev.chatsuite.media.catalog.MediaRepository;
import dev.chatsuite.media.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Removes objects whose row never came (the process died between writing the object and the
 * row). Only objects older than MEDIA_SWEEP_MIN_AGE are considered, so an upload in flight is
 * never taken for an orphan. Every replica may sweep: deleting an orphan twice is harmless.
 */
@ApplicationScoped
public class OrphanSweeper {

    private static final Logger LOG = Logger.getLogger(OrphanSweeper.class);
    private static final int BATCH = 500;
    private final ObjectStore store;
    private final MediaRepository media;
    private final MediaConfig config;

    public OrphanSweeper(ObjectStore store, MediaRepository media, MediaConfig config) {
        this.store = store;
        this.media = media;
        this.config = config;
    }

    void schedule(@Observes StartupEvent event, Vertx vertx) {
        long every = Math.max(1000, config.sweeper().interval().toMillis());
        vertx.setPeriodic(every, id -> vertx.getOrCreateContext().runOnContext(v -> sweep(Instant.now().minus(config.sweeper().minAge()))
                .subscribe().with(removed -> {
                    if (removed > 0) {
                        LOG.infof("Removed %d orphan objects", removed);
                    }
                }, e -> LOG.debugf("Sweep skipped: %s", e.getClass().getSimpleName()))));
    }

    /** Removes orphans last written before {@code cutoff}; answers how many objects went. */
    public Uni<Integer> sweep(Instant cutoff) {
        return sweep("objects/", cutoff).chain(a -> sweep("thumbnails/", cutoff).map(b -> a + b));
    }

    private Uni<Integer> sweep(String prefix, Instant cutoff) {
        return store.listOlderThan(prefix, cutoff, BATCH).chain(keys -> {
            Map<UUID, String> byId = new HashMap<>();
            List<String> malformed = new ArrayList<>();
            for (String key : keys) {
                try {
                    byId.put(UUID.fromString(key.substring(prefix.length())), key);
                } catch (IllegalArgumentException e) {
                    malformed.add(key);
                }
            }
            return Panache.withSession(() -> media.existing(byId.keySet())).chain(existing -> {
                List<String> orphans = new ArrayList<>(malformed);
                byId.forEach((id, key) -> {
                    if (!existing.contains(id)) {
                        orphans.add(key);
                    }
                });
                return store.delete(orphans).replaceWith(orphans.size());
            });
        });
    }

}
