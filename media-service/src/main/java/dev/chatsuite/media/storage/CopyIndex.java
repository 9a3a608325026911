package dev.chatsuite.media.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

import dev.chatsuite.media.storage.LocalCopies.Copy;

/**
 * Which copies this instance holds, in the order they were last read, within a space budget:
 * adding one pushes out the least recently read beyond it. Answers the copies it lets go; their
 * files are the caller's to delete. Thread-safe.
 */
final class CopyIndex {

    private final long maxBytes;
    /** In the order they were last read, the least recent first. */
    private final LinkedHashMap<String, Copy> copies = new LinkedHashMap<>(64, 0.75f, true);
    private long usedBytes;

    CopyIndex(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The copy of {@code key} when one holding exactly {@code size} bytes is held; null otherwise. Counts as a read. */
    synchronized Copy find(String key, long size) {
        Copy copy = copies.get(key);
        return copy != null && copy.size() == size ? copy : null;
    }

    /** Adds a copy; answers the copies dropped for it (the new one itself when one for its key was there first). */
    synchronized List<Copy> add(String key, Copy copy) {
        List<Copy> dropped = new ArrayList<>();
        if (copies.putIfAbsent(key, copy) != null) {
            dropped.add(copy);
            return dropped;
        }
        usedBytes += copy.size();
        Iterator<Copy> oldest = copies.values().iterator();
        while (usedBytes > maxBytes && oldest.hasNext()) {
            Copy evicted = oldest.next();
            oldest.remove();
            usedBytes -= evicted.size();
            dropped.add(evicted);
        }
        return dropped;
    }

    /** Removes the copies of these keys and answers them. */
    synchronized List<Copy> remove(String... keys) {
        List<Copy> dropped = new ArrayList<>();
        for (String key : keys) {
            Copy copy = copies.remove(key);
            if (copy != null) {
                usedBytes -= copy.size();
                dropped.add(copy);
            }
        }
        return dropped;
    }

    /** Removes every copy and answers them. */
    synchronized List<Copy> clear() {
        List<Copy> dropped = new ArrayList<>(copies.values());
        copies.clear();
        usedBytes = 0;
        return dropped;
    }
}
