package dev.chatsuite.messaging;

import dev.chatsuite.testsupport.ProblemContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MessagingProblemContractTest extends ProblemContractTest {
}
