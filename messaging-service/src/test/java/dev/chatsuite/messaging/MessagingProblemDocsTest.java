package dev.chatsuite.messaging;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.ProblemCatalogue;

/** Every messaging problem kind is in docs/errors-messaging.md with its status, and the page names no slug the code lacks. */
class MessagingProblemDocsTest {

    @Test
    void shouldDocumentEveryMessagingProblemAndNoOther() {
        ProblemCatalogue.assertDocumented(ProblemCatalogue.docs("errors-messaging.md"), null, MessagingProblem.values());
    }
}
