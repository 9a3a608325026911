package dev.chatsuite.testsupport;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.Use;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Access tokens shaped like auth-service's (RS256, {@code kid}, the contract's claims), for
 * tests of the services that only verify them. The signing keys are made per test JVM and
 * published by {@link JwksTestResource} as a JWKS document.
 */
public final class TestTokens {

    public static final String ISSUER = "https://auth.chat-suite.test";

    private static final List<SigningKey> KEYS = new CopyOnWriteArrayList<>(List.of(newKey("test-key-1")));

    private TestTokens() {
    }

    public record SigningKey(String kid, KeyPair pair) {
    }

    /** A builder for a regular user's token; adjust claims, then {@link #sign(JwtClaimsBuilder)}. */
    public static JwtClaimsBuilder claimsFor(UUID userId, String username) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .subject(userId.toString())
                .upn(username)
                .groups(Set.of("user"))
                .claim("sid", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(15)))
                .claim("jti", UUID.randomUUID().toString());
    }

    public static String forUser(UUID userId, String username) {
        return sign(claimsFor(userId, username));
    }

    /** A token that was valid until ten minutes ago. */
    public static String expiredFor(UUID userId, String username) {
        Instant issued = Instant.now().minus(Duration.ofHours(1));
        return sign(claimsFor(userId, username).issuedAt(issued).expiresAt(issued.plus(Duration.ofMinutes(50))));
    }

    /** A token of a user whose tenant has every module (chat and media), as a tenant gets by default. */
    public static String forTenantUser(UUID userId, String username, UUID tenantId, String tenantSlug) {
        return forTenantUser(userId, username, tenantId, tenantSlug, List.of("chat", "media"));
    }

    /** A token of a user whose tenant has exactly {@code modules}. */
    public static String forTenantUser(UUID userId, String username, UUID tenantId, String tenantSlug, List<String> modules) {
        return sign(claimsFor(userId, username)
                .claim("tid", tenantId.toString())
                .claim("tenant", tenantSlug)
                .claim("modules", modules));
    }

    public static String sign(JwtClaimsBuilder claims) {
        SigningKey key = KEYS.get(KEYS.size() - 1);
        return claims.jws().keyId(key.kid()).algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(key.pair().getPrivate());
    }

    /** Introduces a new signing key (as a key rotation would); later tokens carry its kid. */
    public static SigningKey rotate() {
        SigningKey key = newKey("test-key-" + (KEYS.size() + 1));
        KEYS.add(key);
        return key;
    }

    /** The JWKS document for every key made so far. */
    public static String jwksJson() {
        List<org.jose4j.jwk.JsonWebKey> jwks = new ArrayList<>();
        for (SigningKey key : KEYS) {
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key.pair().getPublic());
            jwk.setKeyId(key.kid());
            jwk.setAlgorithm("RS256");
            jwk.setUse(Use.SIGNATURE);
            jwks.add(jwk);
        }
        return new JsonWebKeySet(jwks).toJson();
    }

    private static SigningKey newKey(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new SigningKey(kid, generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
