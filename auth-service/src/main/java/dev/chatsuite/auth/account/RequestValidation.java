package dev.chatsuite.auth.account;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;

/** Bean Validation run by the service (after normalizing input), adding rules that need more than annotations. */
@ApplicationScoped
public class RequestValidation {

    private final Validator validator;

    public RequestValidation(Validator validator) {
        this.validator = validator;
    }

    public List<FieldError> violations(Object request) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<Object> violation : validator.validate(request)) {
            errors.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        return errors;
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
            throw ProblemException.badRequest("The request has invalid fields; see errors.", errors);
        }
    }
}
