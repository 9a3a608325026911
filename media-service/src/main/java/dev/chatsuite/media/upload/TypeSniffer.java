package dev.chatsuite.media.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.tika.Tika;
import org.apache.tika.mime.MimeTypes;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Decides a file's type from its leading bytes only (Apache Tika's magic database): the file
 * name and the declared type are never consulted, so {@code x.png} full of text is text.
 */
@ApplicationScoped
public class TypeSniffer {

    private final Tika tika = new Tika();
    private final int window = Math.max(MimeTypes.getDefaultMimeTypes().getMinLength(), 8192);

    /**
     * Loads the magic database off the event loops at start, in the background: uploads check
     * types on the event loop (a bounded window, well under a millisecond once loaded), and
     * the first one must not pay for reading the database.
     */
    void load(@Observes StartupEvent event, Vertx vertx) {
        vertx.executeBlocking(() -> detect(new byte[] { '%', 'P', 'D', 'F', '-' }), false);
    }

    public String detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return tika.detect(in);
        }
    }

    /** The type of a file whose first {@link #window()} bytes (or all, if shorter) are {@code head}. */
    public String detect(byte[] head) {
        return tika.detect(head);
    }

    /** How many leading bytes decide the type: the magic database looks no further. */
    public int window() {
        return window;
    }
}
