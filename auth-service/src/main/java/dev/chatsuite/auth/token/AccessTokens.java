package dev.chatsuite.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chatsuite.auth.AuthConfig;
import dev.chatsuite.auth.account.Account;
import dev.chatsuite.auth.tenant.Tenant;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.vertx.core.json.JsonObject;

/**
 * Issues access tokens with exactly the contract's claims (RS256, {@code kid} in the header),
 * and verifies the bearer tokens sent to auth-service itself: signature by kid, RS256 only,
 * issuer and expiry. Tenant claims appear only for users that have a tenant.
 */
@ApplicationScoped
public class AccessTokens {

    private final SigningKeys keys;
    private final AuthConfig config;
    private final JWTParser parser;

    public AccessTokens(SigningKeys keys, AuthConfig config, JWTParser parser) {
        this.keys = keys;
        this.config = config;
        this.parser = parser;
    }

    public String issue(Account account, Tenant tenant, UUID sessionId) {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .subject(account.id.toString())
                .upn(account.username)
                .groups(new HashSet<>(account.roles))
                .claim("sid", sessionId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenTtl()))
                .claim("jti", UUID.randomUUID().toString());
        if (tenant != null) {
            claims.claim("tid", tenant.id.toString())
                    .claim("tenant", tenant.slug)
                    .claim("modules", List.copyOf(tenant.modules));
        }
        return claims.jws().keyId(keys.currentKid()).algorithm(SignatureAlgorithm.RS256).sign(keys.privateKey());
    }

    public long expiresInSeconds() {
        return config.accessTokenTtl().toSeconds();
    }

    /** The verified token, or null when it is missing, malformed, forged, of another issuer or expired. */
    public JsonWebToken verify(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        String kid = headerKid(token);
        if (kid == null || keys.publicKey(kid) == null) {
            return null;
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.publicKey(kid), config.issuer());
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setExpGracePeriodSecs(0);
        try {
            return parser.parse(token, info);
        } catch (ParseException e) {
            return null;
        }
    }

    private static String headerKid(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return new JsonObject(header).getString("kid");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
