package dev.chatsuite.common.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem document, as the contract spells it:
 * {@code {type, title, status, detail, instance, requestId, errors?}}. Registered for reflection:
 * it is written with Json.encode and as a Response entity, which native image does not see.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
