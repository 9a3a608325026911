package dev.chatsuite.media;

import dev.chatsuite.common.problem.ProblemKind;

/** The problems only media-service answers with; docs/errors-media.md lists the same slugs. */
public enum MediaProblem implements ProblemKind {
    FILE_TOO_LARGE("file-too-large", 413),
    EMPTY_FILE("empty-file", 400),
    MALFORMED_MULTIPART("malformed-multipart", 400),
    FIELDS_TOO_LARGE("fields-too-large", 413),
    UNSUPPORTED_FILE_TYPE("unsupported-file-type", 415),
    IMAGE_TOO_LARGE("image-too-large", 422),
    UNDECODABLE_IMAGE("undecodable-image", 422),
    BAD_SIGNATURE("bad-signature", 403),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", 416),
    SESSION_ENDED("session-ended", 401),
    /** An upload by a caller whose tenant lacks the module media. */
    MODULE_DISABLED("module-disabled", 403),
    STORAGE_UNAVAILABLE("storage-unavailable", 503);

    private final String slug;
    private final int status;

    MediaProblem(String slug, int status) {
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
