package dev.chatsuite.media;

import dev.chatsuite.testsupport.ProblemContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MediaProblemContractTest extends ProblemContractTest {
}
