package dev.chatsuite.media.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.media.catalog.Media;
import dev.chatsuite.media.catalog.MediaRows;
import dev.chatsuite.media.catalog.Purpose;
import dev.chatsuite.media.storage.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Stores an upload: checks and cleans it on a worker thread, writes the object(s), then the
 * row. When a step fails, whatever was written is removed ({@link UploadCleanup}) before the
 * failure is answered.
 */
@ApplicationScoped
public class UploadService {

    private final UploadPreparer preparer;
    private final ObjectStore store;
    private final MediaRows rows;
    private final UploadCleanup cleanup;
    private final Vertx vertx;
    private final Counter spooled;
    private final Counter streamed;

    public UploadService(UploadPreparer preparer, ObjectStore store, MediaRows rows, UploadCleanup cleanup, Vertx vertx, MeterRegistry metrics) {
        this.preparer = preparer;
        this.store = store;
        this.rows = rows;
        this.cleanup = cleanup;
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
                        .onItemOrFailure().invoke((stored, failure) -> cleanup.prepared(id, prepared, failure == null)))
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
            return rows.insert(row).replaceWith(row);
        }).onFailure().call(failure -> cleanup.removeObjects(id)).invoke(row -> streamed.increment());
    }

    private static Purpose purpose(String value) {
        return Purpose.parse(value).orElseThrow(() -> ProblemException.badRequest("The purpose is not known; see errors.",
                List.of(new FieldError("purpose", "Must be avatar or attachment."))));
    }

    private PreparedUpload prepare(Path file, Purpose purpose) {
        try {
            return preparer.prepare(file, purpose);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
                .chain(() -> rows.insert(row)).replaceWith(row)
                .onFailure().call(failure -> cleanup.removeObjects(id));
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
}
