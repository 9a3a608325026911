package dev.chatsuite.gateway.route;

import java.util.Locale;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.gateway.GatewayProblem;

/**
 * The one spelling of an API path that the gateway classifies and forwards, so no other
 * spelling reaches a service under a different limit. A trailing slash is dropped (the
 * services match without it); any spelling a service might read differently from the gateway
 * is refused: matrix parameters ({@code ;}), empty or dot segments, backslashes, and
 * percent-encoded unreserved characters, slashes, dots, semicolons, percent signs or
 * control characters. Other percent-encodings (an emoji in a reaction path) pass as sent.
 *
 * @param path what is forwarded, in the case the client sent
 * @param routeKey the lower-cased path the gateway matches routes and limits on, so that a
 *        change of case can only ever fall under a stricter limit, never escape one
 */
public record CanonicalPath(String path, String routeKey) {

    /** The canonical form of a raw (still percent-encoded) request path, or a 400 problem. */
    public static CanonicalPath of(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw refused("it must start with /");
        }
        int length = rawPath.length();
        for (int i = 0; i < length; i++) {
            char c = rawPath.charAt(i);
            if (c == ';') {
                throw refused("matrix parameters (;) are not accepted");
            }
            if (c == '\\' || c == '#' || c <= 0x20 || c >= 0x7f) {
                throw refused("it contains a character that must be percent-encoded");
            }
            if (c == '%') {
                int decoded = i + 2 < length ? hex(rawPath.charAt(i + 1)) << 4 | hex(rawPath.charAt(i + 2)) : -1;
                if (decoded < 0) {
                    throw refused("it has a malformed percent-encoding");
                }
                if (decoded < 0x80 && (unreserved(decoded) || "/\\;.%".indexOf(decoded) >= 0 || decoded < 0x20 || decoded == 0x7f)) {
                    throw refused("'" + rawPath.substring(i, i + 3) + "' must be written as the character itself or not at all");
                }
                i += 2;
            }
        }
        String path = length > 1 && rawPath.endsWith("/") ? rawPath.substring(0, length - 1) : rawPath;
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() && path.length() > 1) {
                throw refused("it has an empty segment (//)");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw refused("it has a dot segment");
            }
        }
        return new CanonicalPath(path, path.toLowerCase(Locale.ROOT));
    }

    /** The path with the raw query, as forwarded to the service. */
    public String uri(String rawQuery) {
        return rawQuery == null ? path : path + "?" + rawQuery;
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static ProblemException refused(String why) {
        return GatewayProblem.NON_CANONICAL_PATH.exception("The path is not in its canonical form: " + why + ".");
    }
}
