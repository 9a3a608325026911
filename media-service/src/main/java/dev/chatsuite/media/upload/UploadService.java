package dev.chatsuite.media.upload;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.media.catalog.Media;
import dev.chatsuite.media.catalog.MediaRepository;
import dev.chatsuite.media.catalog.Purpose;
import dev.chatsuite.media.storage.LocalCopies;
import dev.chatsuite.media.storage.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.core.Vertx;

/**
 * Stores an upload: checks and cleans it on a worker thread, writes the object(s), then the
 * row. When any step fails, whatever was written is removed before the failure is answered;
 * if the process dies in between, {@code OrphanSweeper} removes objects that never got a row.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private final UploadPreparer preparer;
    private final ObjectStore store;
    private final LocalCopies copies;
    private final MediaRepository media;
    private final Vertx vertx;
    private final Counter spooled;
    private final Counter streamed;

    public UploadService(UploadPreparer preparer, ObjectStore store, LocalCopies copies, MediaRepository media, Vertx vertx, MeterRegistry metrics) {
        this.preparer = preparer;
        this.store = store;
        this.copies = copies;
        this.media = media;
        this.vertx = vertx;
        // How many uploads overlapped receiving and storing (see EarlyPut), and how many did not.
        this.spooled = metrics.counter("media.uploads.stored", "path", "spooled");
        this.streamed = metrics.counter("media.uploads.stored", "path", "streamed");
    }

    /** Checks and cleans a spooled file, then stores it as media {@code id}. */
    public Uni<Media> upload(UUID id, UUID owner, Path file, String fileName, String purposeValue) {
        Purpose purpose = purpose(purposeValue);
        if (file == null) {
            throw ProblemException.badRequest("A file is required; see errors.", List.of(new FieldError("file", "Send the file in a part named file.")));
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> prepare(file, purpose)), false)
                .chain(prepared -> store(id, owner, purpose, FileNames.clean(fileName), prepared)
                        .onItemOrFailure().invoke((stored, failure) -> keepOrDiscard(id, prepared, failure == null)))
                .invoke(stored -> spooled.increment());
    }

    /**
     * Records a file that was written to the store as it arrived ({@link EarlyPut}): its type
     * and size were checked then; the purpose is known only now. On failure the object is
     * removed.
     */
    Uni<Media> recordStored(UUID id, UUID owner, EarlyPut.Stored stored, String fileName, String purposeValue) {
        return Uni.createFrom().deferred(() -> {
            Purpose purpose = purpose(purposeValue);
            preparer.checkPurpose(stored.type(), purpose);
            Media row = row(id, owner, purpose, FileNames.clean(fileName), stored.type(), stored.size());
            row.etag = stored.etag();
            return media.insert(row).replaceWith(row);
        }).onFailure().call(failure -> removeObjects(id)).invoke(row -> streamed.increment());
    }

    /**
     * The stored file becomes this instance's copy for reads (moved, so without waiting for it);
     * otherwise, or when it cannot, a temporary file is removed.
     */
    private void keepOrDiscard(UUID id, PreparedUpload prepared, boolean stored) {
        Future<Void> kept = stored ? copies.adopt(Media.objectKey(id), prepared.file(), prepared.size()) : Future.succeededFuture();
        kept.onComplete(done -> vertx.getDelegate().executeBlocking(() -> {
            prepared.discard();
            return null;
        }, false));
    }

    private static Purpose purpose(String value) {
        return Purpose.parse(value).orElseThrow(() -> ProblemException.badRequest("The purpose is not known; see errors.",
                List.of(new FieldError("purpose", "Must be avatar or attachment."))));
    }

    private PreparedUpload prepare(Path file, Purpose purpose) {
        try {
            return preparer.prepare(file, purpose);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Uni<Media> store(UUID id, UUID owner, Purpose purpose, String fileName, PreparedUpload prepared) {
        Media row = row(id, owner, purpose, fileName, prepared.contentType(), prepared.size());
        row.width = prepared.width();
        row.height = prepared.height();
        Uni<Void> objects = store.put(Media.objectKey(id), prepared.file(), prepared.contentType()).invoke(etag -> row.etag = etag).replaceWithVoid();
        if (prepared.thumbnail() != null) {
            row.thumbnailType = prepared.thumbnail().contentType();
            row.thumbnailSize = (long) prepared.thumbnail().bytes().length;
            row.thumbnailEtag = prepared.thumbnailEtag();
            objects = objects.chain(() -> store.put(Media.thumbnailKey(id), prepared.thumbnail().bytes(), prepared.thumbnail().contentType()));
        }
        return objects
                .chain(() -> media.insert(row)).replaceWith(row)
                .onFailure().call(failure -> removeObjects(id));
    }

    private static Media row(UUID id, UUID owner, Purpose purpose, String fileName, String contentType, long size) {
        Media row = new Media();
        row.id = id;
        row.ownerId = owner;
        row.purpose = purpose.value();
        row.filename = fileName;
        row.contentType = contentType;
        row.size = size;
        row.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return row;
    }

    private Uni<Void> removeObjects(UUID id) {
        copies.forget(Media.objectKey(id), Media.thumbnailKey(id));
        return store.delete(List.of(Media.objectKey(id), Media.thumbnailKey(id)))
                .onFailure().invoke(e -> LOG.warnf("Objects of failed upload %s stay for the sweeper", id))
                .onFailure().recoverWithNull();
    }

    /** Removes a file; only its owner may. */
    public Uni<Void> delete(UUID caller, UUID id) {
        return Panache.withTransaction(() -> media.findById(id).chain(found -> {
            if (found == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No media has this id."));
            }
            if (!found.ownerId.equals(caller)) {
                return Uni.createFrom().failure(ProblemException.forbidden("Only the owner may delete this file."));
            }
            return media.delete(found);
        })).chain(() -> removeObjects(id));
    }
}
