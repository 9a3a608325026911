package dev.chatsuite.gateway.caller;

import java.util.Locale;
import java.util.Set;

/**
 * A {@code Cookie} request header with some cookies taken out, the rest kept as sent: the
 * gateway's session cookies are its own and never reach a service.
 */
public final class CookieHeader {

    private CookieHeader() {
    }

    /** The header without the cookies named in {@code names} (compared case-insensitively), or null when none is left. */
    public static String without(String header, Set<String> names) {
        if (header == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(header.length());
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            String name = (equals < 0 ? trimmed : trimmed.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            if (names.contains(name)) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append("; ");
            }
            kept.append(trimmed);
        }
        return kept.length() == 0 ? null : kept.toString();
    }
}
