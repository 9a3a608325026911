package dev.chatsuite.media.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsuite.common.http.ContentLength;
import dev.chatsuite.common.id.Uuids;
import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.media.MediaConfig;
import dev.chatsuite.media.MediaProblem;
import dev.chatsuite.media.caller.Callers;
import dev.chatsuite.media.catalog.Media;
import dev.chatsuite.media.catalog.MediaViews;
import dev.chatsuite.media.storage.LocalCopies;
import dev.chatsuite.media.storage.ObjectStore;
import dev.chatsuite.media.storage.StoreProblems;
import io.smallrye.mutiny.Uni;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/media}: the multipart body is read on the event loop as it arrives
 * ({@link MultipartReader}), and the {@code file} part is written to a spool file as it arrives,
 * counted against the size limit chunk by chunk (413 the moment it passes). A plain Vert.x route
 * because Quarkus REST's multipart handling moved every chunk to a worker thread and back:
 * half of the service's CPU per upload in a profile. When the file is the last part and is
 * stored exactly as sent, it also goes to the object store as it arrives ({@link EarlyPut}).
 * Documented for OpenAPI in {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class UploadRoute {

    private static final Logger LOG = Logger.getLogger(UploadRoute.class);
    private static final int WRITE_BATCH = 256 * 1024;
    /**
     * A batch's memory: direct, so that neither the store's socket nor the spool file's channel
     * copies it to native memory first (each did, from a heap batch: two more copies of every
     * upload and its size again in garbage), and reused. Room for the batch and one more network
     * chunk; 64 kept idle are 20 MiB, what about a dozen uploads have in flight.
     */
    private static final BatchMemory BATCHES = new BatchMemory(WRITE_BATCH + 64 * 1024, 64);
    private final UploadService uploads;
    private final ObjectStore store;
    private final LocalCopies copies;
    private final TypeSniffer sniffer;
    private final UploadPreparer rules;
    private final MediaViews views;
    private final MediaConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Path spool;

    public UploadRoute(UploadService uploads, ObjectStore store, LocalCopies copies, TypeSniffer sniffer, UploadPreparer rules, MediaViews views,
            MediaConfig config, ObjectMapper json, Vertx vertx, @ConfigProperty(name = "quarkus.http.body.uploads-directory") String spool) {
        this.uploads = uploads;
        this.store = store;
        this.copies = copies;
        this.sniffer = sniffer;
        this.rules = rules;
        this.views = views;
        this.config = config;
        this.json = json;
        this.vertx = vertx;
        this.spool = Path.of(spool);
    }

    void register(@Observes Router router) throws IOException {
        Files.createDirectories(spool);
        router.route(HttpMethod.POST, "/api/media").order(-100).handler(this::upload);
    }

    private void upload(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            ctx.fail(CommonProblem.UNSUPPORTED_MEDIA_TYPE.exception("Send the file as multipart/form-data, in a part named file."));
            return;
        }
        String boundary = boundary(type);
        if (boundary == null) {
            ctx.fail(MediaProblem.MALFORMED_MULTIPART.exception("The multipart/form-data Content-Type needs a boundary parameter."));
            return;
        }
        request.pause();
        Callers.required(ctx).subscribe().with(owner -> receive(ctx, owner, boundary), ctx::fail);
    }

    /** The boundary parameter of a multipart Content-Type, unquoted; null when there is none. */
    static String boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String value = p.substring(9).trim();
                return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    private void receive(RoutingContext ctx, UUID owner, String boundary) {
        HttpServerRequest request = ctx.request();
        UUID id = Uuids.v7();
        Path file = spool.resolve("upload-" + UUID.randomUUID());
        EarlyPut early = new EarlyPut(store, sniffer, rules, Media.objectKey(id), config.maxBytes(),
                ContentLength.parse(request.getHeader(HttpHeaders.CONTENT_LENGTH)), boundary);
        Spooled spooled = new Spooled(file, early);
        // However the request ends: the spool file goes (the image work has finished with it by
        // then), and an object stored as it arrived goes too unless the upload was recorded.
        ctx.addEndHandler(v -> {
            early.abort();
            spooled.release();
            boolean recorded = spooled.stored != null && ctx.response().getStatusCode() == 201;
            // A file stored as it arrived is the object byte for byte: it becomes this
            // instance's copy for reads (when it cannot, it is removed like any spool file).
            Future<Void> kept = recorded ? copies.adopt(Media.objectKey(id), file, spooled.stored.size()) : Future.succeededFuture();
            kept.onComplete(done -> vertx.fileSystem().delete(file.toString()).onFailure(e -> {
            }));
            if (spooled.stored != null && !recorded) {
                store.delete(List.of(Media.objectKey(id))).subscribe().with(done -> {
                }, e -> LOG.warnf("Object of failed upload %s stays for the sweeper", id));
            }
        });
        MultipartReader form = new MultipartReader(boundary, request,
                part -> spooled.start(ctx, part), length -> spooled.skip(ctx, length));
        // A body that cannot be read is answered at once, and the connection closed after it.
        form.complete().onFailure(e -> {
            spooled.fail(e);
            if (!ctx.response().ended() && !ctx.failed()) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                ctx.fail(e);
            }
        });
        request.handler(chunk -> {
            early.raw(chunk);
            form.read(chunk);
        });
        // curl and other HTTP clients wait up to a second for this before sending a large body.
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        request.exceptionHandler(e -> spooled.fail(e));
        request.endHandler(v -> {
            form.end();
            form.complete().compose(read -> spooled.done()).onComplete(done -> {
                if (ctx.response().ended() || form.complete().failed()) {
                    return;
                }
                if (done.failed()) {
                    ctx.fail(done.cause());
                    return;
                }
                String purpose = form.field("purpose");
                Uni.createFrom().deferred(() -> spooled.stored != null
                        ? uploads.recordStored(id, owner, spooled.stored, spooled.fileName, purpose)
                        : uploads.upload(id, owner, spooled.path(), spooled.fileName, purpose))
                        .subscribe().with(media -> {
                            try {
                                ctx.response().setStatusCode(201)
                                        .putHeader(HttpHeaders.LOCATION, "/api/media/" + media.id)
                                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                        .end(json.writeValueAsString(views.of(media)));
                            } catch (JsonProcessingException e) {
                                ctx.fail(e);
                            }
                        }, e -> ctx.fail(StoreProblems.of(e)));
            });
        });
        request.resume();
    }

    /** The file part on its way to disk, and to the store when it can go there at once. */
    private final class Spooled {

        final Path file;
        final EarlyPut early;
        final Promise<Void> written = Promise.promise();
        /** The file as stored while it arrived; null when it was not. */
        EarlyPut.Stored stored;
        boolean started;
        String fileName;
        long bytes;
        long skipped;
        AsyncFile out;
        /** The batch being gathered, in reused memory off the heap; null once the request is over. */
        ByteBuf pendingMemory = BATCHES.take();
        Buffer pending = Buffer.buffer(pendingMemory);

        Spooled(Path file, EarlyPut early) {
            this.file = file;
            this.early = early;
        }

        /** Completes when the file part is on disk; at once when the request had none. */
        Future<Void> done() {
            return started ? written.future() : Future.succeededFuture();
        }

        /** The spooled file, or null when the request had no file part (a 400 from UploadService). */
        Path path() {
            return started ? file : null;
        }

        void start(RoutingContext ctx, FilePart part) {
            started = true;
            fileName = part.fileName();
            early.start(part);
            part.pause();
            vertx.fileSystem().open(file.toString(), new OpenOptions().setCreateNew(true).setWrite(true)).onComplete(opened -> {
                if (opened.failed()) {
                    fail(opened.cause());
                    part.resume();
                    return;
                }
                // Backpressure after a few batches, not after the default 8 MiB per upload.
                out = opened.result().setWriteQueueMaxSize(4 * WRITE_BATCH);
                part.handler(chunk -> {
                    if (pending == null) {
                        // The request is over (answered, or the client left): what still comes is dropped.
                        return;
                    }
                    bytes += chunk.length();
                    if (bytes > config.maxBytes()) {
                        tooLarge(ctx);
                        return;
                    }
                    pending.appendBuffer(chunk);
                    // The first batch is only as long as the type check needs, so that the
                    // store's request opens as early as it can.
                    if (pending.length() >= (early.gathering() ? sniffer.window() : WRITE_BATCH)) {
                        flush();
                    }
                    if (out.writeQueueFull() || early.full()) {
                        part.pause();
                        out.drainHandler(v -> resumeWhenDrained(part));
                        if (early.full()) {
                            early.drainHandler(() -> resumeWhenDrained(part));
                        }
                    }
                });
                part.exceptionHandler(e -> {
                    out.close();
                    fail(e);
                });
                part.endHandler(v -> {
                    Future<Void> spooled = flush().compose(ignored -> out.close());
                    Future<EarlyPut.Stored> sent = early.finish(bytes);
                    Future.all(spooled, sent).onComplete(closed -> {
                        if (closed.succeeded()) {
                            stored = sent.result();
                            written.tryComplete();
                        } else {
                            fail(closed.cause());
                        }
                    });
                });
                part.resume();
            });
        }

        private void resumeWhenDrained(FilePart part) {
            if (!out.writeQueueFull() && !early.full()) {
                part.resume();
            }
        }

        /**
         * Writes what has gathered, to the spool file and to the store: network chunks are
         * ~8 KiB, and a write per chunk cost a system call (and for the file a thread hand-off)
         * each; writing the store's side chunk by chunk was 14 % of the service's CPU.
         */
        private Future<Void> flush() {
            if (pending == null || pending.length() == 0) {
                return Future.succeededFuture();
            }
            Buffer batch = pending;
            ByteBuf memory = pendingMemory;
            pendingMemory = BATCHES.take();
            pending = Buffer.buffer(pendingMemory);
            Future<Void> stored = early.accept(batch);
            Future<Void> spooled = out.write(batch);
            // Both writers have the bytes out of this memory once both have completed, failed or not.
            Future.join(stored, spooled).onComplete(done -> BATCHES.give(memory));
            return spooled;
        }

        /** Frees the batch being gathered, when the request is over. */
        void release() {
            if (pendingMemory != null) {
                BATCHES.give(pendingMemory);
                pendingMemory = null;
                pending = null;
            }
        }

        void skip(RoutingContext ctx, int length) {
            skipped += length;
            if (skipped > config.maxBytes()) {
                tooLarge(ctx);
            }
        }

        private void tooLarge(RoutingContext ctx) {
            if (written.future().isComplete() || ctx.response().ended() || ctx.failed()) {
                return;
            }
            if (out != null) {
                out.close();
            }
            fail(MediaProblem.FILE_TOO_LARGE.exception("The file is over the limit of " + config.maxBytes() + " bytes."));
            // Stop reading a body nobody will store: answer now and close the connection after it.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.fail(written.future().cause());
        }

        void fail(Throwable e) {
            early.abort();
            written.tryFail(e);
        }
    }
}
