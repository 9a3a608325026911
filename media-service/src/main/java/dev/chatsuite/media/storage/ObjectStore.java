package dev.chatsuite.media.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/** Where media bytes live. Failures surface as {@link StoreUnavailableException}. */
public interface ObjectStore {

    /** Streams the file into the store; answers the stored object's strong ETag. */
    Uni<String> put(String key, Path file, String contentType);

    Uni<Void> put(String key, byte[] bytes, String contentType);

    /**
     * Starts writing an object of exactly {@code length} bytes that are sent as they come; the
     * store keeps it only once all {@code length} bytes have arrived.
     */
    Future<PendingObject> begin(String key, String contentType, long length);

    /** An object being written through {@link #body()}. */
    interface PendingObject {

        /** Where the bytes go, with backpressure. */
        WriteStream<Buffer> body();

        /** Ends the body; completes with the stored object's ETag. */
        Future<String> finish();

        /** Drops the object: the connection is reset, so an object still missing bytes is never stored. */
        void abort();
    }

    /**
     * Streams the bytes {@code first..last} (inclusive) of an object into {@code out} with
     * backpressure and ends it. Fails before anything is written when the store cannot
     * answer; a failure after that leaves {@code out} unended.
     */
    Uni<Void> copy(String key, long first, long last, WriteStream<Buffer> out);

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
