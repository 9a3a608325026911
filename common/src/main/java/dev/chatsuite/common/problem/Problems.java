package dev.chatsuite.common.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import dev.chatsuite.common.request.RequestIds;

/** Builds problem documents and responses with the current request id filled in. */
public final class Problems {

    public static final String RETRY_AFTER = "Retry-After";

    private Problems() {
    }

    public static Problem of(int status, String type, String detail, String instance, List<FieldError> errors) {
        return new Problem(type, title(status), status, detail, instance, RequestIds.current(), errors);
    }

    /** The problem as a response; a 503 tells the client when to retry ({@code Retry-After}). */
    public static Response response(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 503) {
            builder.header(RETRY_AFTER, DependencyFailures.RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }

    public static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }

    /** A short, safe detail for a bare status, used where the cause is the framework's. */
    public static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Authentication is required: send a valid bearer token.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "No resource exists at this path.";
            case 405 -> "This method is not allowed on this path.";
            case 406 -> "No acceptable representation: this resource answers JSON.";
            case 413 -> "The request body is larger than this endpoint accepts.";
            case 415 -> "This content type is not supported here; send application/json.";
            case 429 -> "Too many requests; retry later.";
            case 503 -> "The service is temporarily unavailable; retry later.";
            default -> status >= 500
                    ? "An unexpected error occurred. Quote the request id when reporting it."
                    : "The request could not be processed.";
        };
    }
}
