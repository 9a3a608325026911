package dev.chatsuite.messaging.security;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.JwksTestResource;
import dev.chatsuite.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/**
 * messaging-service verifies auth-service's tokens through the JWKS URL (smallrye-jwt): the key
 * set is cached across requests and fetched again when a token names a kid it does not know,
 * so a new signing key works as soon as auth-service publishes it.
 */
@QuarkusTest
class JwksVerificationTest {

    @Test
    void shouldAcceptATokenVerifiedThroughTheJwksUrlAndCacheTheKeys() {
        UUID user = UUID.randomUUID();
        given().auth().oauth2(TestTokens.forUser(user, "alice")).get("/api/__whoami").then().statusCode(200);
        int fetched = JwksTestResource.fetches();
        assertThat(fetched).isPositive();
        for (int i = 0; i < 10; i++) {
            String subject = given().auth().oauth2(TestTokens.forUser(user, "alice")).get("/api/__whoami")
                    .then().statusCode(200).extract().asString();
            assertThat(subject).isEqualTo(user.toString());
        }
        assertThat(JwksTestResource.fetches()).as("the JWKS is cached, not fetched per request").isEqualTo(fetched);
    }

    @Test
    void shouldFetchTheJwksAgainForATokenWithANewKid() {
        given().auth().oauth2(TestTokens.forUser(UUID.randomUUID(), "warmup")).get("/api/__whoami").then().statusCode(200);
        int before = JwksTestResource.fetches();
        TestTokens.SigningKey rotated = TestTokens.rotate();
        UUID user = UUID.randomUUID();
        String token = TestTokens.forUser(user, "bob");
        assertThat(token).isNotNull();
        String subject = given().auth().oauth2(token).get("/api/__whoami").then().statusCode(200).extract().asString();
        assertThat(subject).isEqualTo(user.toString());
        assertThat(JwksTestResource.fetches()).as("fetched again for kid " + rotated.kid()).isGreaterThan(before);
    }

    @Test
    void shouldRefuseATokenSignedWithAKeyTheJwksDoesNotHold() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer(TestTokens.ISSUER).subject(UUID.randomUUID().toString()).upn("mallory")
                .jws().keyId("test-key-1").sign(generator.generateKeyPair().getPrivate());
        assertProblem(given().auth().oauth2(forged).get("/api/__whoami"), 401);
    }

    @Test
    void shouldRefuseARequestWithoutAToken() {
        assertProblem(given().get("/api/__whoami"), 401);
    }
}
