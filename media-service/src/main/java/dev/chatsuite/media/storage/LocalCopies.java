package dev.chatsuite.media.storage;

import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.chatsuite.media.MediaConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Copies of stored objects on this instance's disk, at most {@code MEDIA_CACHE_BYTES} of them,
 * least recently read first out ({@link CopyIndex}), in a directory of this instance's own
 * ({@link CacheDirectory}). A read served from a copy is one {@code sendfile} from the page
 * cache. Safe to keep because an object never changes under its key (a media id is never
 * reused); the row, looked up on every read, stays the authority on whether and to whom a file
 * is served, so a copy of a deleted file is never read again and ages out. Copies come from
 * uploads (the spooled file, moved: {@link #adopt}) and from reads of a whole object (written as
 * the bytes pass to the client: {@link #fill}); they are lost on restart.
 */
@ApplicationScoped
// Created at start: claiming the directory touches the disk, which no event loop should wait for.
@Startup
public class LocalCopies {

    private static final Logger LOG = Logger.getLogger(LocalCopies.class);
    private final Vertx vertx;
    private final long maxBytes;
    private final CacheDirectory dir;
    private final CopyIndex index;

    /** A complete copy of an object. */
    public record Copy(Path file, long size) {
    }

    /**
     * A stream that passes an object's bytes to a client and keeps a copy of them when the whole
     * object went through; {@link #abandon()} gives the copy up (the client or the store failed).
     */
    public interface Filling extends WriteStream<Buffer> {
        void abandon();
    }

    @Inject
    public LocalCopies(MediaConfig config, Vertx vertx) {
        this(config.cache().dir(), config.cache().maxBytes(), vertx);
    }

    LocalCopies(Path root, long maxBytes, Vertx vertx) {
        this.vertx = vertx;
        this.maxBytes = Math.max(0, maxBytes);
        this.dir = this.maxBytes > 0 ? CacheDirectory.claim(root) : null;
        this.index = new CopyIndex(this.maxBytes);
    }

    /** Whether copies are kept at all ({@code MEDIA_CACHE_BYTES} above 0). */
    public boolean enabled() {
        return dir != null;
    }

    /** The copy of {@code key} when one holding exactly {@code size} bytes is here; null otherwise. */
    public Copy find(String key, long size) {
        return index.find(key, size);
    }

    /**
     * Takes {@code file}, which holds exactly the object stored under {@code key}, as its copy:
     * moved, not copied (the upload spool and this directory share a file system by default).
     * Never fails; a file that cannot be moved is simply not kept.
     */
    public Future<Void> adopt(String key, Path file, long size) {
        if (!keeps(size)) {
            return Future.succeededFuture();
        }
        Path target = dir.newFile();
        return vertx.fileSystem().move(file.toString(), target.toString())
                .onSuccess(moved -> keep(key, new Copy(target, size)))
                .otherwiseEmpty();
    }

    /**
     * A stream that writes a copy of {@code key} from the bytes of the whole object as they are
     * sent to {@code client}. With a negative {@code size} (part of an object), or one this
     * instance does not keep, the bytes only pass through.
     */
    public Filling fill(String key, long size, WriteStream<Buffer> client) {
        return new CopyingStream(vertx, this, key, size, client, size >= 0 && keeps(size) ? dir.newFile() : null);
    }

    /** Drops the copies of these keys (a deleted file). */
    public void forget(String... keys) {
        delete(index.remove(keys));
    }

    /** Drops every copy. */
    public void clear() {
        delete(index.clear());
    }

    /** Adds a copy, pushing out the least recently read ones beyond the space. */
    void keep(String key, Copy copy) {
        delete(index.add(key, copy));
    }

    void deleteFile(Path file) {
        vertx.fileSystem().delete(file.toString()).onFailure(e -> LOG.debugf("Could not delete %s: %s", file, e.getClass().getSimpleName()));
    }

    /** Whether a copy of this size is kept: one over a tenth of the space would push out too many others. */
    private boolean keeps(long size) {
        return enabled() && size <= maxBytes / 10;
    }

    private void delete(List<Copy> copies) {
        copies.forEach(copy -> deleteFile(copy.file()));
    }

    @PreDestroy
    void release() {
        clear();
        if (dir != null) {
            dir.release();
        }
    }
}
