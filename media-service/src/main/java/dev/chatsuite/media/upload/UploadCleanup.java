package dev.chatsuite.media.upload;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.media.catalog.Media;
import dev.chatsuite.media.storage.LocalCopies;
import dev.chatsuite.media.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What an upload leaves behind, kept or removed in one place: a stored file becomes this
 * instance's local copy (moved, never copied), every other temporary file is deleted, and the
 * objects of an upload that was not recorded are removed from the store. Whatever a crash leaves
 * in the store, {@code OrphanSweeper} removes later.
 */
@ApplicationScoped
public class UploadCleanup {

    private static final Logger LOG = Logger.getLogger(UploadCleanup.class);
    private final ObjectStore store;
    private final LocalCopies copies;
    private final Vertx vertx;

    public UploadCleanup(ObjectStore store, LocalCopies copies, Vertx vertx) {
        this.store = store;
        this.copies = copies;
        this.vertx = vertx;
    }

    /**
     * The upload request has ended, answered or not. A file stored as it arrived is the object
     * byte for byte: when the upload was recorded it becomes the copy for reads, and when not,
     * its object is removed. The spool file goes either way (the image work is done with it).
     */
    void requestEnded(UUID id, Path spool, EarlyPut.Stored stored, boolean recorded) {
        Future<Void> kept = stored != null && recorded ? copies.adopt(Media.objectKey(id), spool, stored.size()) : Future.succeededFuture();
        kept.onComplete(done -> vertx.fileSystem().delete(spool.toString()).onFailure(e -> {
        }));
        if (stored != null && !recorded) {
            store.delete(List.of(Media.objectKey(id))).subscribe().with(done -> {
            }, e -> LOG.warnf("Object of failed upload %s stays for the sweeper", id));
        }
    }

    /**
     * A checked file's storing has ended: once stored, it becomes the copy for reads; otherwise,
     * or when it cannot, a temporary file (a cleaned image) is removed off the event loop.
     */
    void prepared(UUID id, PreparedUpload prepared, boolean stored) {
        Future<Void> kept = stored ? copies.adopt(Media.objectKey(id), prepared.file(), prepared.size()) : Future.succeededFuture();
        kept.onComplete(done -> vertx.executeBlocking(() -> {
            prepared.discard();
            return null;
        }, false));
    }

    /** Removes the objects (and local copies) of media {@code id}; a failure leaves them for the sweeper. */
    Uni<Void> removeObjects(UUID id) {
        copies.forget(Media.objectKey(id), Media.thumbnailKey(id));
        return store.delete(List.of(Media.objectKey(id), Media.thumbnailKey(id)))
                .onFailure().invoke(e -> LOG.warnf("Objects of media %s stay for the sweeper", id))
                .onFailure().recoverWithNull();
    }
}
