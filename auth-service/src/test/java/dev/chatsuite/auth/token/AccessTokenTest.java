package dev.chatsuite.auth.token;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.AuthApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Access tokens carry exactly the contract's claims, verify against the JWKS, and every forgery is a 401. */
@QuarkusTest
@SuppressWarnings("unchecked")
class AccessTokenTest {

    @Test
    void shouldIssueRs256TokensWithKidThatVerifyAgainstTheJwks() throws Exception {
        AuthApi.User user = AuthApi.newUser("claims");
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(user.accessToken());
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");
        assertThat(jws.getKeyIdHeaderValue()).isNotBlank();
        jws.setKey(new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwks).getJsonWebKeys()).getKey());
        assertThat(jws.verifySignature()).isTrue();
    }

    @Test
    void shouldGiveATenantlessUserNoTenantClaims() {
        AuthApi.User user = AuthApi.newUser("notenant");
        Map<String, Object> claims = claims(user.accessToken());
        assertThat(claims).containsKeys("iss", "sub", "upn", "groups", "sid", "iat", "exp", "jti");
        assertThat(claims).doesNotContainKeys("tid", "tenant", "modules");
        assertThat(claims.get("sub")).isEqualTo(user.id());
        assertThat(claims.get("upn")).isEqualTo(user.username());
        assertThat((List<Object>) claims.get("groups")).containsExactly("user");
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(900);
    }

    @Test
    void shouldGiveATenantUserTidTenantAndModules() {
        AuthApi.User admin = AuthApi.admin();
        String slug = AuthApi.unique("t").replace('_', '-');
        String tenantId = admin.as().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Tenant " + slug, "modules", List.of("chat", "media")))
                .post("/api/admin/tenants").then().statusCode(201).extract().path("id");
        AuthApi.User user = AuthApi.newUser("member", slug);
        Map<String, Object> claims = claims(user.accessToken());
        assertThat(claims.get("tid")).isEqualTo(tenantId);
        assertThat(claims.get("tenant")).isEqualTo(slug);
        assertThat((List<Object>) claims.get("modules")).containsExactly("chat", "media");
        JsonPath me = user.as().get("/api/auth/me").then().statusCode(200).extract().jsonPath();
        assertThat(me.getString("tenant.slug")).isEqualTo(slug);
        assertThat(me.getList("tenant.modules")).containsExactly("chat", "media");
    }

    @Test
    void shouldRefuseATokenWithAlgNone() {
        AuthApi.User user = AuthApi.newUser("algnone");
        String[] parts = user.accessToken().split("\\.");
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid(user.accessToken()) + "\"}");
        assertRefused(header + "." + parts[1] + ".");
    }

    @Test
    void shouldRefuseAnHs256TokenKeyedWithThePublicKey() throws Exception {
        AuthApi.User user = AuthApi.newUser("hs256");
        String jwks = given().get("/.well-known/jwks.json").asString();
        byte[] publicKey = new JsonWebKeySet(jwks).getJsonWebKeys().get(0).getKey().getEncoded();
        JsonWebSignature forged = new JsonWebSignature();
        forged.setPayload(JwtClaims.parse(new String(Base64.getUrlDecoder().decode(user.accessToken().split("\\.")[1]),
                StandardCharsets.UTF_8)).toJson());
        forged.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        forged.setKeyIdHeaderValue(kid(user.accessToken()));
        forged.setKey(new HmacKey(publicKey));
        forged.setDoKeyValidation(false);
        assertRefused(forged.getCompactSerialization());
    }

    @Test
    void shouldRefuseATamperedPayload() {
        AuthApi.User user = AuthApi.newUser("tamper");
        AuthApi.User other = AuthApi.newUser("victim");
        String[] parts = user.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(user.id(), other.id());
        assertRefused(parts[0] + "." + b64(payload) + "." + parts[2]);
    }

    @Test
    void shouldRefuseAWrongIssuerAndAnExpiredToken() throws Exception {
        AuthApi.User user = AuthApi.newUser("issuer");
        assertRefused(resigned(user.accessToken(), Map.of("iss", "https://evil.example")));
        long past = System.currentTimeMillis() / 1000 - 60;
        assertRefused(resigned(user.accessToken(), Map.of("exp", past, "iat", past - 900)));
        assertThat(user.as().get("/api/auth/me").statusCode()).isEqualTo(200);
    }

    /**
     * Re-signs a token's claims with overrides using the service's own local key, so that only the
     * overridden claim is wrong (the signature is valid).
     */
    private static String resigned(String token, Map<String, Object> overrides) throws Exception {
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        overrides.forEach(claims::setClaim);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(kid(token));
        jws.setKey(LocalKey.privateKey());
        return jws.getCompactSerialization();
    }

    private static void assertRefused(String token) {
        assertProblem(given().header("Authorization", "Bearer " + token).get("/api/auth/me"), 401);
    }

    private static Map<String, Object> claims(String token) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8)).getMap("");
    }

    private static String kid(String token) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8)).getString("kid");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
