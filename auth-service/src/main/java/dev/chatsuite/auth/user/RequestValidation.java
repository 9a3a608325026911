package dev.chatsuite.auth.user;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import dev.chatsuite.common.problem.FieldErrors;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;

/**
 * Bean Validation run by the service (after normalizing input), adding rules that need more
 * than annotations. One entry per field: the first rule it breaks (see {@link FieldErrors}).
 */
@ApplicationScoped
public class RequestValidation {

    private final Validator validator;

    public RequestValidation(Validator validator) {
        this.validator = validator;
    }

    /** One error per invalid field, sorted by field; rules checked afterwards add only to fields still valid. */
    public List<FieldError> violations(Object request) {
        return FieldErrors.of(validator.validate(request), path -> path.toString());
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            List<FieldError> first = FieldErrors.firstPerField(errors);
            first.sort(Comparator.comparing(FieldError::field));
            throw ProblemException.badRequest("The request has invalid fields; see errors.", first);
        }
    }
}
