package dev.chatsuite.media.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checked, metadata-free file ready to store, with its thumbnail when it is an image. The
 * stored file's ETag comes from the object store as it is written (no extra pass over the file).
 */
record PreparedUpload(Path file, boolean temporary, String contentType, long size, Integer width, Integer height,
        ImageWork.Thumbnail thumbnail, String thumbnailEtag) {

    void discard() {
        if (temporary) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // The uploads directory is temporary; a leftover there harms nothing.
            }
        }
    }
}
