package dev.chatsuite.media.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * This instance's directory of copies under {@code MEDIA_CACHE_DIR}: made and locked at start,
 * unlocked at stop. Claiming one removes the directories whose lock nobody holds (instances that
 * stopped), so copies never outlive the instance that made them.
 */
final class CacheDirectory {

    private static final Logger LOG = Logger.getLogger(CacheDirectory.class);
    private static final String LOCK = ".lock";
    /** The directories this process holds (tests start the application more than once). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private final Path dir;
    private final FileChannel lockChannel;

    private CacheDirectory(Path dir, FileChannel lockChannel) {
        this.dir = dir;
        this.lockChannel = lockChannel;
    }

    /** Makes and locks a directory of this instance's own under {@code root}, and removes those of instances that stopped. */
    static CacheDirectory claim(Path root) {
        try {
            Files.createDirectories(root);
            try (Stream<Path> others = Files.list(root)) {
                others.filter(Files::isDirectory).forEach(CacheDirectory::removeIfUnlocked);
            }
            Path mine = Files.createDirectory(root.resolve("instance-" + UUID.randomUUID()));
            FileChannel channel = FileChannel.open(mine.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            HELD.add(mine);
            return new CacheDirectory(mine, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("The media cache directory " + root + " cannot be used (MEDIA_CACHE_DIR)", e);
        }
    }

    /** A fresh file name inside the directory. */
    Path newFile() {
        return dir.resolve(UUID.randomUUID().toString());
    }

    /** Gives the directory up; the next instance to start removes it. */
    void release() {
        HELD.remove(dir);
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // The lock goes with the process anyway.
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
                files.sorted(Comparator.reverseOrder()).filter(p -> !p.getFileName().toString().equals(LOCK)).forEach(CacheDirectory::deleteQuietly);
            }
            lock.release();
            channel.close();
            deleteQuietly(other.resolve(LOCK));
            deleteQuietly(other);
        } catch (IOException e) {
            LOG.warnf("Left the media cache directory %s in place: %s", other, e.getClass().getSimpleName());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("Could not delete %s: %s", file, e.getClass().getSimpleName());
        }
    }
}
