package dev.chatsuite.media.serving;

import java.util.Optional;

/**
 * One {@code Range: bytes=} request (RFC 9110 §14): {@code a-b}, {@code a-} or {@code -n}.
 * Several ranges, or a header that cannot be parsed, are answered with the whole file, as the
 * RFC allows; a range wholly past the end is unsatisfiable (416).
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    static Optional<ByteRange> parse(String header, long size) throws UnsatisfiableRangeException {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String start = spec.substring(0, dash).trim();
            String end = spec.substring(dash + 1).trim();
            if (start.isEmpty()) {
                long suffix = Long.parseLong(end);
                if (suffix <= 0 || size == 0) {
                    throw new UnsatisfiableRangeException();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(start);
            long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
            if (first < 0 || (!end.isEmpty() && Long.parseLong(end) < first)) {
                return Optional.empty();
            }
            if (first >= size) {
                throw new UnsatisfiableRangeException();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static final class UnsatisfiableRangeException extends Exception {
        UnsatisfiableRangeException() {
            super(null, null, false, false);
        }
    }
}
