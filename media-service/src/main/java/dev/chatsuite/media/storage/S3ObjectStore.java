package dev.chatsuite.media.storage;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.media.MediaConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.event.Observes;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link ObjectStore} on any S3-compatible endpoint, through the non-blocking AWS SDK client. */
@ApplicationScoped
public class S3ObjectStore implements ObjectStore {

    private static final Logger LOG = Logger.getLogger(S3ObjectStore.class);
    private final S3AsyncClient s3;
    private final S3Presigner presigner;
    private final String bucket;
    /**
     * Over plain HTTP the SDK signs the payload, which means holding the body in memory while
     * it is sent; bounding concurrent puts bounds that memory (MEDIA_S3_CONCURRENCY).
     */
    private final AsyncLimiter uploads;

    public S3ObjectStore(S3AsyncClient s3, S3Presigner presigner, MediaConfig config) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = config.bucket();
        this.uploads = new AsyncLimiter(config.s3Concurrency());
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
        return uploads.run(() -> onCallerContext(Uni.createFrom().completionStage(
                        () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), AsyncRequestBody.fromFile(file))))
                .onFailure().transform(S3ObjectStore::unavailable)
                .map(response -> response.eTag()));
    }

    @Override
    public Uni<Void> put(String key, byte[] bytes, String contentType) {
        return call(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), AsyncRequestBody.fromBytes(bytes)));
    }

    @Override
    public Uni<Multi<Buffer>> read(String key, long first, long last) {
        return onCallerContext(Uni.createFrom().completionStage(() -> s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + first + "-" + last),
                        AsyncResponseTransformer.toPublisher())))
                .onFailure().transform(S3ObjectStore::unavailable)
                .map(publisher -> Multi.createFrom().publisher(AdaptersToFlow.publisher(publisher))
                        .map(S3ObjectStore::toBuffer));
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
        return onCallerContext(Uni.createFrom().completionStage(() -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(max))))
                .onFailure().transform(S3ObjectStore::unavailable)
                .map(response -> response.contents().stream()
                        .filter(o -> o.lastModified().isBefore(olderThan))
                        .map(S3Object::key)
                        .toList());
    }

    @Override
    public Uni<Void> check() {
        return call(() -> s3.headBucket(b -> b.bucket(bucket)));
    }

    @Override
    public URI presign(String key, Duration ttl, String contentType, String contentDisposition) {
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key)
                        .responseContentType(contentType)
                        .responseContentDisposition(contentDisposition)))
                .url().toString());
    }

    private static Uni<Void> call(Supplier<CompletionStage<?>> request) {
        return onCallerContext(Uni.createFrom().completionStage(request)).onFailure().transform(S3ObjectStore::unavailable).replaceWithVoid();
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

    private static Buffer toBuffer(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return Buffer.buffer(copy);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static RuntimeException unavailable(Throwable e) {
        return new StoreUnavailableException(unwrap(e));
    }
}
