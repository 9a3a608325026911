package dev.chatsuite.media.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** Where media bytes live. Failures surface as {@link StoreUnavailableException}. */
public interface ObjectStore {

    /** Streams the file into the store; answers the stored object's strong ETag. */
    Uni<String> put(String key, Path file, String contentType);

    Uni<Void> put(String key, byte[] bytes, String contentType);

    /** The bytes {@code first..last} (inclusive) of an object, streamed. */
    Uni<Multi<Buffer>> read(String key, long first, long last);

    Uni<Void> delete(List<String> keys);

    /** Keys under {@code prefix} last written before {@code olderThan}, at most {@code max} of them. */
    Uni<List<String>> listOlderThan(String prefix, Instant olderThan, int max);

    /** Succeeds when the bucket answers. */
    Uni<Void> check();

    /** A URL that lets its holder read the object directly from the store for {@code ttl}. */
    URI presign(String key, Duration ttl, String contentType, String contentDisposition);

    class StoreUnavailableException extends RuntimeException {
        public StoreUnavailableException(Throwable cause) {
            super("The object store is unavailable", cause);
        }
    }
}
