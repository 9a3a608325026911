package dev.chatsuite.common.problem;

/** One invalid input field in a problem+json {@code errors} list. */
public record FieldError(String field, String message) {
}
