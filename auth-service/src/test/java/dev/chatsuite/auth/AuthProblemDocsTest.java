package dev.chatsuite.auth;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.ProblemCatalogue;

/** docs/errors-auth.md and {@link AuthProblem} name the same slugs with the same statuses. */
class AuthProblemDocsTest {

    @Test
    void shouldDocumentEveryAuthProblemAndNoOther() {
        ProblemCatalogue.assertDocumented(ProblemCatalogue.docs("errors-auth.md"), null, AuthProblem.values());
    }
}
