package dev.chatsuite.gateway;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.ProblemCatalogue;

/** docs/errors-gateway.md documents every {@link GatewayProblem} and names no slug the code lacks. */
class GatewayProblemDocsTest {

    @Test
    void shouldDocumentEveryGatewayProblemAndNoOther() {
        ProblemCatalogue.assertDocumented(ProblemCatalogue.docs("errors-gateway.md"), null, GatewayProblem.values());
    }
}
