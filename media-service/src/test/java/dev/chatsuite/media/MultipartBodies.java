package dev.chatsuite.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * multipart/form-data bodies written out byte for byte, for tests that need a shape no client
 * library sends (a cut body, a missing final line break, a part after the file).
 */
public final class MultipartBodies {

    private MultipartBodies() {
    }

    /** A text field, with the CRLF that ends it. */
    public static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    /** A file part's boundary line and headers, up to its first byte. */
    public static String fileHeaders(String boundary, String name, String fileName) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n";
    }

    /** {@code before}, the file's bytes, then {@code after}, as sent. */
    public static byte[] body(String before, byte[] file, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(file);
        out.writeBytes(after.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
