package dev.chatsuite.auth.credential;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import dev.chatsuite.auth.AuthConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * How Quarkus's bearer-token mechanism (smallrye-jwt) verifies the access tokens sent to
 * auth-service: against its own signing keys in memory (every kid of the JWKS), RS256 only, its
 * issuer, no grace past expiry. auth-service never fetches its own JWKS over HTTP.
 */
@ApplicationScoped
public class BearerVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verification(SigningKeys keys, AuthConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(keys.jwksJson());
        info.setIssuedBy(config.issuer());
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setExpGracePeriodSecs(0);
        return info;
    }
}
