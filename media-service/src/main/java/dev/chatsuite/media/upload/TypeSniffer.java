package dev.chatsuite.media.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.tika.Tika;

/**
 * Decides a file's type from its leading bytes only (Apache Tika's magic database): the file
 * name and the declared type are never consulted, so {@code x.png} full of text is text.
 */
@ApplicationScoped
public class TypeSniffer {

    private final Tika tika = new Tika();

    public String detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return tika.detect(in);
        }
    }
}
