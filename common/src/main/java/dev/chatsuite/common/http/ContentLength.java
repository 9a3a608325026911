package dev.chatsuite.common.http;

/** Reads a Content-Length header. */
public final class ContentLength {

    /** 18 digits always fit in a long. */
    private static final int MAX_DIGITS = 18;

    private ContentLength() {
    }

    /**
     * The header's value, or -1 when it is absent or not a length: only ASCII digits (RFC 9110
     * {@code 1*DIGIT}, around optional white space), so no sign and none of the other scripts'
     * digits that {@link Long#parseLong} would take.
     */
    public static long parse(String header) {
        if (header == null) {
            return -1;
        }
        String value = header.trim();
        if (value.isEmpty() || value.length() > MAX_DIGITS) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }
}
