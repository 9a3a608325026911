package dev.chatsuite.media.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.chatsuite.common.http.EventLoopHttpClients;
import dev.chatsuite.media.MediaConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.WriteStream;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ObjectStore} on any S3-compatible endpoint.
 * <p>
 * Object bytes travel over Vert.x's HTTP client with presigned requests (SigV4 query
 * authentication, the same mechanism as the redirect mode, signed by {@link ObjectUrlSigner}),
 * everything else through the SDK's non-blocking client. Why not the SDK for the bytes: over
 * plain HTTP it hashes the whole payload before sending it, hands the body over as copied
 * chunks on its own threads, and each chunk then crosses to the event loop of the client's
 * request. A presigned request is an ordinary HTTP exchange: a file is piped from disk to the
 * store and an object from the store to the client on one event loop, with Vert.x's
 * backpressure, never whole in the heap. The presigned URLs live {@link #SIGNATURE_TTL} and
 * never leave the process.
 */
@ApplicationScoped
public class S3ObjectStore implements ObjectStore {

    private static final Logger LOG = Logger.getLogger(S3ObjectStore.class);
    private static final Duration SIGNATURE_TTL = Duration.ofMinutes(5);
    private static final int FILE_CHUNK = 256 * 1024;
    private static final int REDIRECT_URLS = 2000;
    /**
     * Netty's decoder splits a response body into chunks of at most this many bytes; with
     * Vert.x's default (8 KiB) every read from the store would be several writes to the client's
     * socket, each its own system call.
     */
    private static final int RESPONSE_CHUNK = 256 * 1024;
    /**
     * Bytes an upload may have on their way to the store before the client's side is paused;
     * Netty's default (64 KiB) would pause it after every batch.
     */
    private static final int STORE_WRITE_QUEUE = 1024 * 1024;
    private final S3AsyncClient s3;
    private final S3Presigner presigner;
    private final ObjectUrlSigner signer;
    private final Vertx vertx;
    private final String bucket;
    private final EventLoopHttpClients http;
    private final Cache<Redirect, URI> redirects = Caffeine.newBuilder()
            .maximumSize(REDIRECT_URLS).expireAfter(Expiry.<Redirect, URI>creating((redirect, url) -> redirect.ttl().dividedBy(5))).build();

    public S3ObjectStore(S3AsyncClient s3, S3Presigner presigner, Vertx vertx, MediaConfig config) {
        this.s3 = s3;
        this.presigner = presigner;
        this.signer = new ObjectUrlSigner(s3.serviceClientConfiguration(), config.bucket());
        this.vertx = vertx;
        this.bucket = config.bucket();
        this.http = new EventLoopHttpClients(vertx, new HttpClientOptions()
                .setConnectTimeout(5000)
                .setIdleTimeout(60)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setMaxChunkSize(RESPONSE_CHUNK)
                .setName("object-store"),
                new PoolOptions().setHttp1MaxSize(config.s3Concurrency()));
    }

    void createBucketIfMissing(@Observes StartupEvent event) {
        s3.headBucket(b -> b.bucket(bucket))
                .exceptionallyCompose(e -> unwrap(e) instanceof NoSuchBucketException
                        ? s3.createBucket(b -> b.bucket(bucket)).thenApply(r -> null)
                        : java.util.concurrent.CompletableFuture.failedFuture(e))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.warnf("Bucket %s could not be checked or created yet: %s", bucket, unwrap(e).getClass().getSimpleName());
                    }
                });
    }

    @Override
    public Uni<String> put(String key, Path file, String contentType) {
        return exchange(() -> vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).compose(body -> {
            body.setReadBufferSize(FILE_CHUNK);
            return body.size().compose(size -> http.current().request(presignedPut(key, contentType, size)))
                    .compose(request -> request.send(body))
                    .compose(S3ObjectStore::stored)
                    .eventually(() -> body.close());
        }));
    }

    @Override
    public Uni<Void> put(String key, byte[] bytes, String contentType) {
        return exchange(() -> http.current().request(presignedPut(key, contentType, bytes.length))
                .compose(request -> request.send(Buffer.buffer(bytes)))
                .compose(S3ObjectStore::stored))
                .replaceWithVoid();
    }

    @Override
    public Future<PendingObject> begin(String key, String contentType, long length) {
        return http.current().request(presignedPut(key, contentType, length))
                .map(request -> request.setWriteQueueMaxSize(STORE_WRITE_QUEUE))
                .map(request -> new PendingObject() {
                    @Override
                    public WriteStream<Buffer> body() {
                        return request;
                    }

                    @Override
                    public Future<String> finish() {
                        return request.end().compose(ended -> request.response()).compose(S3ObjectStore::stored);
                    }

                    @Override
                    public void abort() {
                        request.reset();
                    }
                });
    }

    @Override
    public Uni<Void> copy(String key, long first, long last, WriteStream<Buffer> out) {
        return exchange(() -> http.current().request(presignedGet(key).putHeader("Range", "bytes=" + first + "-" + last))
                .compose(HttpClientRequest::send)
                .compose(response -> response.statusCode() == 200 || response.statusCode() == 206
                        ? response.pipe().endOnFailure(false).to(out).onFailure(e -> response.request().reset())
                        : refused(response)));
    }

    @Override
    public Uni<Void> delete(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        return call(() -> s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build())));
    }

    @Override
    public Uni<List<String>> listOlderThan(String prefix, Instant olderThan, int max) {
        return fromStore(() -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(max)))
                .map(response -> response.contents().stream()
                        .filter(o -> o.lastModified().isBefore(olderThan))
                        .map(S3Object::key)
                        .toList());
    }

    @Override
    public Uni<Void> check() {
        return call(() -> s3.headBucket(b -> b.bucket(bucket)));
    }

    /**
     * Handed to a client, so it keeps at least four fifths of {@code ttl} (reused for the rest,
     * which lets browsers and CDNs cache by URL). Made by the SDK's presigner, which also signs
     * the response header overrides; its cost is paid once per URL reuse period.
     */
    @Override
    public URI presign(String key, Duration ttl, String contentType, String contentDisposition) {
        return redirects.get(new Redirect(key, ttl, contentType, contentDisposition), r -> URI.create(presigner.presignGetObject(p -> p
                .signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentType(contentType).responseContentDisposition(contentDisposition)))
                .url().toString()));
    }

    private record Redirect(String key, Duration ttl, String contentType, String contentDisposition) {
    }

    private RequestOptions presignedPut(String key, String contentType, long length) {
        return request(HttpMethod.PUT, key)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
    }

    private RequestOptions presignedGet(String key) {
        return request(HttpMethod.GET, key);
    }

    private RequestOptions request(HttpMethod method, String key) {
        return new RequestOptions().setMethod(method).setIdleTimeout(30_000)
                .setAbsoluteURI(signer.sign(SdkHttpMethod.fromValue(method.name()), key, SIGNATURE_TTL).toString());
    }

    /** The stored object's ETag, or a failure when the store refused the write. */
    private static Future<String> stored(HttpClientResponse response) {
        return response.statusCode() / 100 == 2 ? response.body().map(ignored -> response.getHeader(HttpHeaders.ETAG)) : refused(response);
    }

    private static <T> Future<T> refused(HttpClientResponse response) {
        return response.body().transform(ignored -> Future.failedFuture(
                new IllegalStateException("The object store answered " + response.statusCode() + " " + response.statusMessage())));
    }

    /** A Vert.x exchange with the store. */
    private static <T> Uni<T> exchange(Supplier<Future<T>> exchange) {
        return fromStore(() -> exchange.get().toCompletionStage());
    }

    /** An SDK call whose answer is not needed. */
    private static Uni<Void> call(Supplier<CompletionStage<?>> request) {
        return fromStore(request).replaceWithVoid();
    }

    /** Any call to the store: completed on the caller's context, failing with {@link StoreUnavailableException}. */
    private static <T> Uni<T> fromStore(Supplier<? extends CompletionStage<? extends T>> request) {
        return onCallerContext(Uni.createFrom().<T>completionStage(request)).onFailure().transform(S3ObjectStore::unavailable);
    }

    /**
     * The SDK completes on its own threads; continue on the caller's Vert.x context, where
     * Hibernate Reactive sessions and the HTTP response belong.
     */
    private static <T> Uni<T> onCallerContext(Uni<T> uni) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            return context == null ? uni : uni.emitOn(command -> context.runOnContext(v -> command.run()));
        });
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static RuntimeException unavailable(Throwable e) {
        return new StoreUnavailableException(unwrap(e));
    }
}
