package dev.chatsuite.common.problem;

/** The problems every service answers with; docs/errors.md, "Slugs every service uses". */
public enum CommonProblem implements ProblemKind {
    VALIDATION("validation", 400),
    MALFORMED_JSON("malformed-json", 400),
    BAD_REQUEST("bad-request", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not-found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", 406),
    CONFLICT("conflict", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
    UNPROCESSABLE_CONTENT("unprocessable-content", 422),
    RATE_LIMITED("rate-limited", 429),
    INTERNAL_ERROR("internal-error", 500),
    DATABASE_UNAVAILABLE("database-unavailable", 503),
    BAD_GATEWAY("bad-gateway", 502),
    SERVICE_UNAVAILABLE("service-unavailable", 503),
    GATEWAY_TIMEOUT("gateway-timeout", 504);

    private final String slug;
    private final int status;

    CommonProblem(String slug, int status) {
        this.slug = slug;
        this.status = status;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }
}
