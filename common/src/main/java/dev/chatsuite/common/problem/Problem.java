package dev.chatsuite.common.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, as the contract spells it:
 * {@code {type, title, status, detail, instance, requestId, errors?}}.
 */
// Written with Json.encode and as a Response entity, which native-image reflection does not see by itself.
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
