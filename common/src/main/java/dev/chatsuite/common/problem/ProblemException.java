package dev.chatsuite.common.problem;

import java.util.List;

/**
 * Thrown by service code for any failure a client can act on; mapped to problem+json
 * with its status, type slug, detail and optional field errors. Never carries secrets:
 * its detail goes to the client as is.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String typeSlug;
    private final List<FieldError> errors;

    public ProblemException(int status, String typeSlug, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.typeSlug = typeSlug;
        this.errors = errors == null ? null : List.copyOf(FieldErrors.firstPerField(errors));
    }

    public ProblemException(int status, String typeSlug, String detail) {
        this(status, typeSlug, detail, null);
    }

    public ProblemException(ProblemKind kind, String detail, List<FieldError> errors) {
        this(kind.status(), kind.slug(), detail, errors);
    }

    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return CommonProblem.VALIDATION.exception(detail, errors);
    }

    public static ProblemException notFound(String detail) {
        return CommonProblem.NOT_FOUND.exception(detail);
    }

    public static ProblemException forbidden(String detail) {
        return CommonProblem.FORBIDDEN.exception(detail);
    }

    public static ProblemException conflict(String detail, List<FieldError> errors) {
        return CommonProblem.CONFLICT.exception(detail, errors);
    }

    public static ProblemException unauthorized(String detail) {
        return CommonProblem.UNAUTHORIZED.exception(detail);
    }

    /** The slug of this problem's type. */
    public String slug() {
        return typeSlug;
    }

    public int status() {
        return status;
    }

    public String type() {
        return ProblemType.of(typeSlug);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
