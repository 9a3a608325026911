package dev.chatsuite.media.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Media rows through Panache (a Hibernate Reactive session): finding, deleting, the sweeper's
 * existence check. The upload's insert and the read's lookup are {@link MediaRows}.
 */
@ApplicationScoped
public class MediaRepository implements PanacheRepositoryBase<Media, UUID> {

    /** Which of these ids have a row; the sweeper removes objects of the others. */
    public Uni<Set<UUID>> existing(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return find("id in ?1", List.copyOf(ids)).project(IdOnly.class).list()
                .map(rows -> rows.stream().map(IdOnly::id).collect(Collectors.toSet()));
    }

    public record IdOnly(UUID id) {
    }
}
