package dev.chatsuite.gateway;

import dev.chatsuite.testsupport.ProblemContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GatewayProblemContractTest extends ProblemContractTest {
}
