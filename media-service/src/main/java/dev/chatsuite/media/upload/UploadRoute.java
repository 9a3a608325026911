package dev.chatsuite.media.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsuite.common.http.ContentLength;
import dev.chatsuite.common.id.Uuids;
import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.tenant.TenantModules;
import dev.chatsuite.media.MediaConfig;
import dev.chatsuite.media.MediaProblem;
import dev.chatsuite.media.caller.Callers;
import dev.chatsuite.media.catalog.Media;
import dev.chatsuite.media.catalog.MediaViews;
import dev.chatsuite.media.storage.ObjectStore;
import dev.chatsuite.media.storage.StoreProblems;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/media}: once the caller is known, the multipart body is read on the event
 * loop as it arrives ({@link MultipartReader}) and its {@code file} part goes to a spool file
 * ({@link FileSpool}), and also to the store when it can go there at once ({@link EarlyPut});
 * then {@link UploadService} stores and records it, and {@link UploadCleanup} removes what the
 * request leaves. A plain Vert.x route because Quarkus REST's multipart handling moves every
 * chunk to a worker thread and back (docs/decisions.md). Documented for OpenAPI in
 * {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class UploadRoute {

    private final UploadService uploads;
    private final UploadCleanup cleanup;
    private final ObjectStore store;
    private final TypeSniffer sniffer;
    private final UploadPreparer rules;
    private final MediaViews views;
    private final MediaConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Path spool;

    public UploadRoute(UploadService uploads, UploadCleanup cleanup, ObjectStore store, TypeSniffer sniffer, UploadPreparer rules,
            MediaViews views, MediaConfig config, ObjectMapper json, Vertx vertx,
            @ConfigProperty(name = "quarkus.http.body.uploads-directory") String spool) {
        this.uploads = uploads;
        this.cleanup = cleanup;
        this.store = store;
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
        String boundary = MultipartReader.boundary(type);
        if (boundary == null) {
            ctx.fail(MediaProblem.MALFORMED_MULTIPART.exception("The multipart/form-data Content-Type needs a boundary parameter."));
            return;
        }
        request.pause();
        // Uploads need the tenant module media (reads and deletes do not).
        Callers.required(ctx, TenantModules.MEDIA).subscribe().with(owner -> receive(ctx, owner, boundary), ctx::fail);
    }

    private void receive(RoutingContext ctx, UUID owner, String boundary) {
        HttpServerRequest request = ctx.request();
        UUID id = Uuids.v7();
        Path file = spool.resolve("upload-" + UUID.randomUUID());
        EarlyPut early = new EarlyPut(store, sniffer, rules, Media.objectKey(id), config.maxBytes(),
                ContentLength.parse(request.getHeader(HttpHeaders.CONTENT_LENGTH)), boundary);
        FileSpool spooled = new FileSpool(vertx, file, early, config.maxBytes(), sniffer.window(), problem -> refuse(ctx, problem));
        ctx.addEndHandler(v -> {
            early.abort();
            spooled.release();
            cleanup.requestEnded(id, file, spooled.stored(), spooled.stored() != null && ctx.response().getStatusCode() == 201);
        });
        MultipartReader form = new MultipartReader(boundary, request, spooled::start, spooled::skip);
        form.complete().onFailure(e -> {
            spooled.fail(e);
            refuse(ctx, e);
        });
        request.handler(chunk -> {
            early.raw(chunk);
            form.read(chunk);
        });
        // curl and other HTTP clients wait up to a second for this before sending a large body.
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        request.exceptionHandler(spooled::fail);
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
                Uni.createFrom().deferred(() -> spooled.stored() != null
                        ? uploads.recordStored(id, owner, spooled.stored(), spooled.fileName(), purpose)
                        : uploads.upload(id, owner, spooled.path(), spooled.fileName(), purpose))
                        .subscribe().with(media -> created(ctx, media), e -> ctx.fail(StoreProblems.of(e)));
            });
        });
        request.resume();
    }

    /** Answers a body that will not be stored at once, and closes the connection after it: nobody reads the rest. */
    private static void refuse(RoutingContext ctx, Throwable problem) {
        if (!ctx.response().ended() && !ctx.failed()) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.fail(problem);
        }
    }

    private void created(RoutingContext ctx, Media media) {
        try {
            ctx.response().setStatusCode(201)
                    .putHeader(HttpHeaders.LOCATION, "/api/media/" + media.id)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(json.writeValueAsString(views.of(media)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
