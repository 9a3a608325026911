package dev.chatsuite.common.problem;

import java.util.List;

/**
 * One kind of problem a service answers with: the slug that ends its {@code type} URI and its
 * status. Each service lists its own kinds in one enum; docs/errors*.md lists the same slugs.
 */
public interface ProblemKind {

    String slug();

    int status();

    /** The problem's {@code title}: the status's reason phrase, as every answer has it. */
    default String title() {
        return Problems.title(status());
    }

    default String type() {
        return ProblemType.of(slug());
    }

    default ProblemException exception(String detail) {
        return new ProblemException(this, detail, null);
    }

    default ProblemException exception(String detail, List<FieldError> errors) {
        return new ProblemException(this, detail, errors);
    }
}
