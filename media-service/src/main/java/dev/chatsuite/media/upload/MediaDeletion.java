package dev.chatsuite.media.upload;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.media.catalog.MediaRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Removes a file at its owner's request: the row first, then the objects. */
@ApplicationScoped
public class MediaDeletion {

    private final MediaRepository media;
    private final UploadCleanup cleanup;

    public MediaDeletion(MediaRepository media, UploadCleanup cleanup) {
        this.media = media;
        this.cleanup = cleanup;
    }

    /** Removes media {@code id}; only its owner may. */
    public Uni<Void> delete(UUID caller, UUID id) {
        return Panache.withTransaction(() -> media.findById(id).chain(found -> {
            if (found == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No media has this id."));
            }
            if (!found.ownerId.equals(caller)) {
                return Uni.createFrom().failure(ProblemException.forbidden("Only the owner may delete this file."));
            }
            return media.delete(found);
        })).chain(() -> cleanup.removeObjects(id));
    }
}
