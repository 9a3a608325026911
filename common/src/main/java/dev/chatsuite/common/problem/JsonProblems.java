package dev.chatsuite.common.problem;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Describes a JSON body Jackson could not read, for a 400 {@code malformed-json} problem:
 * where the syntax broke, that the body is not the object the route takes, or which field has
 * the wrong type. Details name JSON types and fields only, never Java classes.
 */
public final class JsonProblems {

    public static final String TYPE = "malformed-json";

    private JsonProblems() {
    }

    public static Problem describe(JsonProcessingException e, String instance) {
        if (e instanceof JsonMappingException mapping && !(e instanceof com.fasterxml.jackson.core.JsonParseException)) {
            String field = jsonPath(mapping.getPath());
            if (field != null) {
                return Problems.of(400, ProblemType.of(TYPE), "The request body has a field of the wrong type or format; see errors.",
                        instance, List.of(new FieldError(field, fieldMessage(mapping))));
            }
            if (e instanceof MismatchedInputException mismatch) {
                return Problems.of(400, ProblemType.of(TYPE), "The request body must be " + expected(mismatch.getTargetType()) + ".",
                        instance, null);
            }
        }
        return Problems.of(400, ProblemType.of(TYPE), syntaxDetail(e), instance, null);
    }

    private static String syntaxDetail(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        if (where == null || where.getLineNr() < 1) {
            return "The request body is not valid JSON.";
        }
        return "The request body is not valid JSON (line " + where.getLineNr() + ", column " + where.getColumnNr() + ").";
    }

    private static String fieldMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "Is not a field of this request.";
        }
        if (e instanceof InvalidFormatException) {
            return "Has the wrong format.";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "Must be " + expected(mismatch.getTargetType()) + ".";
        }
        return "Has the wrong type or format.";
    }

    /** The JSON type a Java target is read from, in words. */
    static String expected(Class<?> target) {
        if (target == null) {
            return "a JSON value of another type";
        }
        if (target == String.class || target == Character.class || target == char.class || target.isEnum()
                || target == java.util.UUID.class) {
            return "a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != void.class)) {
            return "a number";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(target) || !target.getName().startsWith("java.")) {
            return "a JSON object";
        }
        return "a JSON value of another type";
    }

    /** {@code profile.links[2]} for a Jackson path; null when the failure is the body itself. */
    static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }
}
