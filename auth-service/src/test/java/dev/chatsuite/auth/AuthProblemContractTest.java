package dev.chatsuite.auth;

import dev.chatsuite.testsupport.ProblemContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuthProblemContractTest extends ProblemContractTest {
}
