package dev.chatsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.ProblemKind;

class CommonProblemDocsTest {

    @Test
    void shouldDocumentEveryCommonProblemAndNoOther() {
        ProblemCatalogue.assertDocumented(ProblemCatalogue.docs("errors.md"), "Slugs every service uses", CommonProblem.values());
    }

    @Test
    void shouldFailWhenAConstantIsMissingFromTheDocs() {
        ProblemKind undocumented = new ProblemKind() {
            @Override
            public String slug() {
                return "never-documented";
            }

            @Override
            public int status() {
                return 418;
            }
        };
        assertThatThrownBy(() -> ProblemCatalogue.assertDocumented(ProblemCatalogue.docs("errors.md"), "Slugs every service uses", undocumented))
                .isInstanceOf(AssertionError.class).hasMessageContaining("never-documented");
    }

    @Test
    void shouldFailWhenTheDocsNameASlugTheCodeLacks() {
        assertThatThrownBy(() -> ProblemCatalogue.assertDocumented(ProblemCatalogue.docs("errors-gateway.md"), null, CommonProblem.values()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("non-canonical-path");
    }
}
