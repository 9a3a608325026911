package dev.chatsuite.common.problem;

/**
 * The problem {@code type} URIs the suite emits. Clients match on the last path segment
 * (for example {@code account-disabled}); docs/errors.md lists them all.
 */
public final class ProblemType {

    public static final String BASE = "https://chat-suite.dev/problems/";

    private ProblemType() {
    }

    public static String of(String slug) {
        return BASE + slug;
    }

    /** A slug for a bare HTTP status, used when nothing more specific is known. */
    public static String forStatus(int status) {
        return of(switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 416 -> "range-not-satisfiable";
            case 422 -> "unprocessable-content";
            case 429 -> "rate-limited";
            case 502 -> "bad-gateway";
            case 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status >= 500 ? "internal-error" : "client-error";
        });
    }
}
