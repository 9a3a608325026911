package dev.chatsuite.common.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One invalid input field in a problem+json {@code errors} list (registered for native, as Problem is). */
@RegisterForReflection
public record FieldError(String field, String message) {
}
