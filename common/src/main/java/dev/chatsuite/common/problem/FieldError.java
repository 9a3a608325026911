package dev.chatsuite.common.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One invalid input field in a problem+json {@code errors} list. */
// Serialized inside Problem, outside REST's automatic reflection registration.
@RegisterForReflection
public record FieldError(String field, String message) {
}
