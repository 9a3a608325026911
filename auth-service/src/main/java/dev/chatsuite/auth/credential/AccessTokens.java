package dev.chatsuite.auth.credential;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.auth.AuthConfig;
import dev.chatsuite.auth.user.Account;
import dev.chatsuite.auth.user.Tenant;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Issues access tokens with exactly the contract's claims (RS256, {@code kid} in the header).
 * Tenant claims appear only for users that have a tenant. {@link BearerVerification} says how
 * the tokens sent back to auth-service are verified.
 */
@ApplicationScoped
public class AccessTokens {

    private final SigningKeys keys;
    private final AuthConfig config;
    public AccessTokens(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
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
}
