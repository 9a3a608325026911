package dev.chatsuite.common.http;

/** Reads a Content-Length header. */
public final class ContentLength {

    private ContentLength() {
    }

    /** The header's value, or -1 when it is absent or not a number. */
    public static long parse(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
