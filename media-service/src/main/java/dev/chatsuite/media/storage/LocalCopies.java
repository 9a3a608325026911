package dev.chatsuite.media.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.chatsuite.media.MediaConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.WriteStream;

/**
 * Copies of stored objects on this instance's disk, at most {@code MEDIA_CACHE_BYTES} of them,
 * least recently read first out. A read served from a copy is one {@code sendfile} from the
 * page cache to the client instead of a relay from the store's socket to the client's (a
 * receive and a send per byte). Safe to keep because an object never changes under its key
 * (a media id is never reused); the row, looked up on every read, stays the authority on
 * whether and to whom a file is served, so a copy of a deleted file is never read again and
 * ages out. Copies come from uploads (the spooled file, moved) and from reads of a whole
 * object (written as the bytes pass to the client).
 * <p>
 * Each instance keeps its copies in a directory of its own under {@code MEDIA_CACHE_DIR},
 * locked while it runs; at start, directories whose lock nobody holds (an instance that
 * stopped) are removed. Copies are lost on restart, which costs only a read from the store.
 */
@ApplicationScoped
// Created at start: claiming the directory touches the disk, which no event loop should wait for.
@Startup
public class LocalCopies {

    private static final Logger LOG = Logger.getLogger(LocalCopies.class);
    private static final String LOCK = ".lock";
    private static final int FILL_QUEUE = 1024 * 1024;
    private final Vertx vertx;
    private final Path dir;
    private final long maxBytes;
    /** In the order they were last read, the least recent first. */
    private final LinkedHashMap<String, Copy> copies = new LinkedHashMap<>(64, 0.75f, true);
    private long usedBytes;
    /** The directories this process holds (tests start the application more than once). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private FileChannel lockChannel;

    /** A complete copy of an object. */
    public record Copy(Path file, long size) {
    }

    @Inject
    public LocalCopies(MediaConfig config, Vertx vertx) {
        this(config.cache().dir(), config.cache().maxBytes(), vertx);
    }

    LocalCopies(Path root, long maxBytes, Vertx vertx) {
        this.vertx = vertx;
        this.maxBytes = Math.max(0, maxBytes);
        this.dir = this.maxBytes > 0 ? claim(root) : null;
    }

    /** Whether copies are kept at all ({@code MEDIA_CACHE_BYTES} above 0). */
    public boolean enabled() {
        return dir != null;
    }

    /** The copy of {@code key} when one holding exactly {@code size} bytes is here; null otherwise. */
    public synchronized Copy find(String key, long size) {
        Copy copy = copies.get(key);
        return copy != null && copy.size() == size ? copy : null;
    }

    /**
     * Takes {@code file}, which holds exactly the object stored under {@code key}, as its copy:
     * moved, not copied (the upload spool and this directory share a file system by default).
     * Never fails; a file that cannot be moved is simply not kept.
     */
    public Future<Void> adopt(String key, Path file, long size) {
        if (!enabled() || size > maxEntryBytes()) {
            return Future.succeededFuture();
        }
        Path target = newFile();
        return vertx.fileSystem().move(file.toString(), target.toString())
                .onSuccess(moved -> keep(key, new Copy(target, size)))
                .otherwiseEmpty();
    }

    /**
     * A stream that writes a copy of {@code key} from the bytes of the whole object as they are
     * sent to {@code client}, with the backpressure of both. The copy is kept when exactly
     * {@code size} bytes went through and the stream was ended; a failed copy never holds up
     * the client, and a failed client ends the copy ({@link Filling#abandon()}). With a
     * negative {@code size} (part of an object), the bytes only pass through.
     */
    public Filling fill(String key, long size, WriteStream<Buffer> client) {
        return new Filling(key, size, client);
    }

    /** Drops the copies of these keys (a deleted file). */
    public void forget(String... keys) {
        List<Copy> dropped = new ArrayList<>();
        synchronized (this) {
            for (String key : keys) {
                Copy copy = copies.remove(key);
                if (copy != null) {
                    usedBytes -= copy.size();
                    dropped.add(copy);
                }
            }
        }
        dropped.forEach(this::delete);
    }

    /** Drops every copy. */
    public void clear() {
        List<Copy> dropped;
        synchronized (this) {
            dropped = new ArrayList<>(copies.values());
            copies.clear();
            usedBytes = 0;
        }
        dropped.forEach(this::delete);
    }

    /** Adds a copy, pushing out the least recently read ones beyond the space. */
    private void keep(String key, Copy copy) {
        List<Copy> dropped = new ArrayList<>();
        synchronized (this) {
            if (copies.putIfAbsent(key, copy) != null) {
                // A concurrent read made one first; keep that one.
                dropped.add(copy);
            } else {
                usedBytes += copy.size();
                Iterator<Copy> oldest = copies.values().iterator();
                while (usedBytes > maxBytes && oldest.hasNext()) {
                    Copy evicted = oldest.next();
                    oldest.remove();
                    usedBytes -= evicted.size();
                    dropped.add(evicted);
                }
            }
        }
        dropped.forEach(this::delete);
    }

    private void delete(Copy copy) {
        vertx.fileSystem().delete(copy.file().toString()).onFailure(e -> LOG.debugf("Could not delete %s: %s", copy.file(), e.getClass().getSimpleName()));
    }

    /** A copy bigger than a tenth of the space would push out too many others. */
    private long maxEntryBytes() {
        return maxBytes / 10;
    }

    private Path newFile() {
        return dir.resolve(UUID.randomUUID().toString());
    }

    /** Makes and locks this instance's directory, and removes those of instances that stopped. */
    private Path claim(Path root) {
        try {
            Files.createDirectories(root);
            try (Stream<Path> others = Files.list(root)) {
                others.filter(Files::isDirectory).forEach(LocalCopies::removeIfUnlocked);
            }
            Path mine = Files.createDirectory(root.resolve("instance-" + UUID.randomUUID()));
            lockChannel = FileChannel.open(mine.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lockChannel.lock();
            HELD.add(mine);
            return mine;
        } catch (IOException e) {
            throw new UncheckedIOException("The media cache directory " + root + " cannot be used (MEDIA_CACHE_DIR)", e);
        }
    }

    private static void removeIfUnlocked(Path other) {
        // Closing any channel on a file drops this process's lock on it, so never open our own.
        if (HELD.contains(other)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(other.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return;
            }
            try (Stream<Path> files = Files.walk(other)) {
                files.sorted(Comparator.reverseOrder()).filter(p -> !p.getFileName().toString().equals(LOCK)).forEach(LocalCopies::deleteQuietly);
            }
            lock.release();
            channel.close();
            deleteQuietly(other.resolve(LOCK));
            deleteQuietly(other);
        } catch (IOException e) {
            LOG.warnf("Left the media cache directory %s in place: %s", other, e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void release() {
        clear();
        if (lockChannel != null) {
            HELD.remove(dir);
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // The lock goes with the process anyway.
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("Could not delete %s: %s", file, e.getClass().getSimpleName());
        }
    }

    /** The bytes of one object on their way to a client and into a copy. */
    public final class Filling implements WriteStream<Buffer> {

        private final String key;
        private final long size;
        private final WriteStream<Buffer> client;
        private final Path file;
        /** Null until the file is open, and again once the copy is given up. */
        private AsyncFile out;
        private boolean abandoned;
        private boolean pendingEnd;
        private long written;
        private Buffer early = Buffer.buffer();
        private Handler<Void> drain;

        private Filling(String key, long size, WriteStream<Buffer> client) {
            this.key = key;
            this.size = size;
            this.client = client;
            this.file = enabled() && size >= 0 && size <= maxEntryBytes() ? newFile() : null;
            if (file == null) {
                abandoned = true;
                return;
            }
            vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true)).onComplete(opened -> {
                if (opened.failed() || abandoned) {
                    if (opened.succeeded()) {
                        opened.result().close().onComplete(closed -> deleteQuietly(file));
                    }
                    abandoned = true;
                    return;
                }
                out = opened.result().setWriteQueueMaxSize(FILL_QUEUE);
                out.exceptionHandler(e -> abandon());
                if (early.length() > 0) {
                    out.write(early);
                }
                early = null;
                if (pendingEnd) {
                    finish();
                }
            });
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (!abandoned) {
                written += data.length();
                if (out != null) {
                    out.write(data);
                } else if (early.length() + data.length() <= FILL_QUEUE) {
                    early.appendBuffer(data);
                } else {
                    // The file is slow to open: give the copy up rather than hold more.
                    abandon();
                }
            }
            return client.write(data);
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            write(data).onComplete(handler);
        }

        @Override
        public Future<Void> end() {
            Future<Void> ended = client.end();
            if (!abandoned) {
                if (out == null) {
                    pendingEnd = true;
                } else {
                    finish();
                }
            }
            return ended;
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            end().onComplete(handler);
        }

        private void finish() {
            AsyncFile done = out;
            out = null;
            boolean complete = written == size;
            done.close().onComplete(closed -> {
                if (closed.succeeded() && complete && !abandoned) {
                    keep(key, new Copy(file, size));
                } else {
                    deleteQuietly(file);
                }
            });
        }

        /** Gives the copy up: the client or the store failed before the whole object passed. */
        public void abandon() {
            if (abandoned) {
                return;
            }
            abandoned = true;
            early = null;
            if (out != null) {
                AsyncFile done = out;
                out = null;
                done.close().onComplete(closed -> deleteQuietly(file));
            }
            drained();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            client.exceptionHandler(handler);
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            client.setWriteQueueMaxSize(maxSize);
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return client.writeQueueFull() || (out != null && out.writeQueueFull());
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            drain = handler;
            client.drainHandler(v -> drained());
            if (out != null) {
                out.drainHandler(v -> drained());
            }
            return this;
        }

        private void drained() {
            if (drain != null && !writeQueueFull()) {
                Handler<Void> h = drain;
                drain = null;
                h.handle(null);
            }
        }
    }
}
