package dev.chatsuite.common.problem;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;

/**
 * The contract's field errors: one entry per field, the first rule it breaks, so a form shows
 * one message per field. A missing value comes before a wrong length or range, which comes
 * before a wrong format; an over-long invalid email therefore reads "at most 254 characters".
 */
public final class FieldErrors {

    private static final Set<String> PRESENCE = Set.of("NotNull", "NotBlank", "NotEmpty");
    private static final Set<String> SIZE = Set.of("Size", "Min", "Max", "DecimalMin", "DecimalMax", "Positive",
            "PositiveOrZero", "Negative", "NegativeOrZero", "Digits");

    private FieldErrors() {
    }

    /** The first error of each field, in the order given. */
    public static List<FieldError> firstPerField(Collection<FieldError> errors) {
        Map<String, FieldError> first = new LinkedHashMap<>();
        for (FieldError error : errors) {
            first.putIfAbsent(error.field(), error);
        }
        return new ArrayList<>(first.values());
    }

    /** One error per field for these violations, the most basic rule broken winning, sorted by field. */
    public static List<FieldError> of(Collection<? extends ConstraintViolation<?>> violations, Function<Path, String> fieldName) {
        List<ConstraintViolation<?>> ranked = new ArrayList<>(violations);
        // Ties (two format rules) are broken by message so that the answer does not vary between runs.
        ranked.sort(Comparator.<ConstraintViolation<?>>comparingInt(FieldErrors::rank).thenComparing(ConstraintViolation::getMessage));
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : ranked) {
            errors.add(new FieldError(fieldName.apply(violation.getPropertyPath()), violation.getMessage()));
        }
        List<FieldError> result = firstPerField(errors);
        result.sort(Comparator.comparing(FieldError::field));
        return result;
    }

    static int rank(ConstraintViolation<?> violation) {
        if (violation.getConstraintDescriptor() == null || violation.getConstraintDescriptor().getAnnotation() == null) {
            return 2;
        }
        Class<? extends Annotation> type = violation.getConstraintDescriptor().getAnnotation().annotationType();
        return PRESENCE.contains(type.getSimpleName()) ? 0 : SIZE.contains(type.getSimpleName()) ? 1 : 2;
    }
}
