package dev.chatsuite.media.serving;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatsuite.common.problem.HttpLayerProblems;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.problem.Problems;
import dev.chatsuite.media.MediaConfig;
import dev.chatsuite.media.MediaProblem;
import dev.chatsuite.media.caller.Callers;
import dev.chatsuite.media.catalog.Media;
import dev.chatsuite.media.catalog.MediaRows;
import dev.chatsuite.media.storage.LocalCopies;
import dev.chatsuite.media.storage.ObjectStore;
import dev.chatsuite.media.storage.StoreProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/media/{id}} and {@code /thumbnail}: sends this instance's copy of the object
 * when it has one ({@link LocalCopies}), and otherwise streams the object from S3 to the client
 * with backpressure, never holding a file in memory, with exact {@code Content-Length},
 * strong {@code ETag}/304 and single {@code Range}/206. A plain Vert.x route rather than a REST
 * resource because Quarkus REST sends a streamed body chunked, dropping the length. Documented
 * for OpenAPI in {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class MediaReadRoute {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private final MediaRows media;
    private final ObjectStore store;
    private final ReadAccess access;
    private final MediaConfig config;
    private final LocalCopies copies;

    public MediaReadRoute(MediaRows media, ObjectStore store, LocalCopies copies, ReadAccess access, MediaConfig config) {
        this.media = media;
        this.store = store;
        this.copies = copies;
        this.access = access;
        this.config = config;
    }

    void register(@Observes Router router) {
        for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD }) {
            router.route(method, "/api/media/:id").order(-100).handler(ctx -> serve(ctx, false));
            router.route(method, "/api/media/:id/thumbnail").order(-100).handler(ctx -> serve(ctx, true));
        }
    }

    private void serve(RoutingContext ctx, boolean thumbnail) {
        Optional<UUID> id = parseId(ctx.pathParam("id"));
        if (id.isEmpty()) {
            ctx.fail(ProblemException.notFound("No media has this id."));
            return;
        }
        String exp = ctx.request().getParam("exp");
        String sig = ctx.request().getParam("sig");
        Callers.optional(ctx)
                .chain(reader -> media.lookup(id.get()).map(found -> {
                    if (found == null) {
                        throw ProblemException.notFound("No media has this id.");
                    }
                    access.check(found, exp, sig, reader);
                    if (thumbnail && found.thumbnailType == null) {
                        throw ProblemException.notFound("This file has no thumbnail.");
                    }
                    return found;
                }))
                .subscribe().with(found -> respond(ctx, found, thumbnail), e -> ctx.fail(StoreProblems.of(e)));
    }

    private void respond(RoutingContext ctx, Media found, boolean thumbnail) {
        String key = thumbnail ? Media.thumbnailKey(found.id) : Media.objectKey(found.id);
        String contentType = thumbnail ? found.thumbnailType : found.contentType;
        long size = thumbnail ? found.thumbnailSize : found.size;
        String etag = thumbnail ? found.thumbnailEtag : found.etag;
        String disposition = (contentType.startsWith("image/") ? "inline" : "attachment") + "; filename*=UTF-8''"
                + URLEncoder.encode(thumbnail ? "thumbnail-" + found.filename : found.filename, StandardCharsets.UTF_8).replace("+", "%20");

        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader(HttpHeaders.CACHE_CONTROL, found.isPublic() ? IMMUTABLE : "private, max-age=3600")
                .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
                .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");

        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatusCode(304).end();
            return;
        }
        if (config.redirect().enabled()) {
            response.putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .putHeader(HttpHeaders.LOCATION, store.presign(key, config.redirect().ttl(), contentType, disposition).toString())
                    .setStatusCode(307).end();
            return;
        }
        ByteRange range;
        boolean partial;
        try {
            Optional<ByteRange> requested = ByteRange.parse(ctx.request().getHeader("Range"), size);
            partial = requested.isPresent();
            range = requested.orElse(new ByteRange(0, size - 1));
        } catch (ByteRange.UnsatisfiableRangeException e) {
            response.putHeader("Content-Range", "bytes */" + size);
            HttpLayerProblems.write(ctx, Problems.of(416, MediaProblem.RANGE_NOT_SATISFIABLE.type(),
                    "The requested range starts past the end of the file (" + size + " bytes).", ctx.request().path(), null));
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CONTENT_DISPOSITION, disposition)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(range.length()))
                .setStatusCode(partial ? 206 : 200);
        if (partial) {
            response.putHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        if (ctx.request().method() == HttpMethod.HEAD || range.length() == 0) {
            response.end();
            return;
        }
        LocalCopies.Copy copy = copies.find(key, size);
        if (copy == null) {
            relay(ctx, key, range, size);
            return;
        }
        response.sendFile(copy.file().toString(), range.first(), range.length()).onFailure(e -> {
            if (response.headWritten()) {
                ctx.request().connection().close();
            } else {
                // The copy went missing from the disk: the store still has the object.
                copies.forget(key);
                relay(ctx, key, range, size);
            }
        });
    }

    /** Streams the bytes from the store, keeping a copy when they are the whole object. */
    private void relay(RoutingContext ctx, String key, ByteRange range, long size) {
        HttpServerResponse response = ctx.response();
        boolean whole = range.first() == 0 && range.length() == size;
        LocalCopies.Filling out = copies.fill(key, whole ? size : -1, response);
        store.copy(key, range.first(), range.last(), out).subscribe().with(done -> { }, e -> {
            out.abandon();
            if (response.headWritten()) {
                ctx.request().connection().close();
            } else {
                ctx.fail(StoreProblems.of(e));
            }
        });
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        return ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .anyMatch(candidate -> candidate.equals(etag) || candidate.equals("*"));
    }

    private static Optional<UUID> parseId(String raw) {
        try {
            return Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
