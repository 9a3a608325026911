package dev.chatsuite.gateway.caller;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import dev.chatsuite.gateway.GatewayConfig;
import dev.chatsuite.gateway.backend.AuthCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Tells whose token this is, only when its signature verifies against auth-service's JWKS
 * (fetched through the auth upstream, kept {@code jwks-max-age}, fetched again sooner for an
 * unknown key id at most every 30 s) and its issuer is the configured one. Expiry is not
 * checked: the answer only picks a rate-limit bucket, and an expired token is still proof that
 * auth issued it to that user. The services verify every token they receive themselves.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);
    private static final long UNKNOWN_KID_REFETCH_MILLIS = 30_000;
    private static final int REMEMBERED = 4_096;
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    private final AuthCalls auth;
    private final String jwksPath;
    private final long maxAgeMillis;
    private final Optional<String> issuer;
    /** Subjects of tokens verified lately: a token is checked once, not on every request. */
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private volatile Keys keys = new Keys(null, 0);
    private volatile Uni<Keys> fetching;

    private record Keys(JsonWebKeySet set, long fetchedAtMillis) {
    }

    public TokenVerifier(AuthCalls auth, GatewayConfig config) {
        this.auth = auth;
        this.jwksPath = config.jwt().jwksPath();
        this.maxAgeMillis = config.jwt().jwksMaxAge().toMillis();
        this.issuer = config.jwt().issuer();
    }

    /** The token's subject when auth-service signed it; empty for a forged, malformed or unverifiable token. */
    public Uni<Optional<String>> subject(String token) {
        Parsed parsed = Parsed.of(token);
        if (parsed == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        String known = verified.get(parsed.token);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return keysFor(parsed.kid).map(current -> verify(parsed, current));
    }

    private Optional<String> verify(Parsed parsed, Keys current) {
        if (current.set == null) {
            return Optional.empty();
        }
        try {
            JsonWebKey key = current.set.findJsonWebKey(parsed.kid, null, null, null);
            if (key == null) {
                return Optional.empty();
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(ALGORITHMS);
            jws.setCompactSerialization(parsed.token);
            jws.setKey(key.getKey());
            if (!jws.verifySignature()) {
                return Optional.empty();
            }
            JsonObject claims = new JsonObject(jws.getUnverifiedPayload());
            String subject = claims.getValue("sub") instanceof String s && !s.isEmpty() ? s : null;
            if (subject == null || (issuer.isPresent() && !issuer.get().equals(claims.getValue("iss")))) {
                return Optional.empty();
            }
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
            verified.put(parsed.token, subject);
            return Optional.of(subject);
        } catch (JoseException | RuntimeException unverifiable) {
            return Optional.empty();
        }
    }

    /** The current keys; fetched first when there are none, they are old, or they lack {@code kid} (throttled). */
    private Uni<Keys> keysFor(String kid) {
        Keys current = keys;
        long now = System.currentTimeMillis();
        boolean stale = current.set == null || now - current.fetchedAtMillis > maxAgeMillis;
        boolean unknownKid = current.set != null && kid != null && hasNoKey(current.set, kid)
                && now - current.fetchedAtMillis > UNKNOWN_KID_REFETCH_MILLIS;
        if (!stale && !unknownKid) {
            return Uni.createFrom().item(current);
        }
        if (current.set == null && now - current.fetchedAtMillis < 1_000) {
            // auth-service failed to answer within the last second: do not ask on every request.
            return Uni.createFrom().item(current);
        }
        Uni<Keys> inFlight = fetching;
        if (inFlight == null) {
            inFlight = fetch().memoize().indefinitely();
            fetching = inFlight;
        }
        return inFlight;
    }

    private Uni<Keys> fetch() {
        return auth.jwks(jwksPath).map(reply -> {
            if (!reply.ok()) {
                throw new IllegalStateException("JWKS answered " + reply.status());
            }
            try {
                return new Keys(new JsonWebKeySet(reply.body().encode()), System.currentTimeMillis());
            } catch (JoseException e) {
                throw new IllegalStateException("JWKS unreadable");
            }
        }).onItemOrFailure().transform((fetched, failure) -> {
            fetching = null;
            if (failure != null) {
                LOG.debugf("Could not fetch auth's JWKS: %s", failure.getClass().getSimpleName());
                Keys old = keys;
                Keys kept = old.set == null ? new Keys(null, System.currentTimeMillis()) : old;
                keys = kept;
                return kept;
            }
            keys = fetched;
            return fetched;
        });
    }

    private static boolean hasNoKey(JsonWebKeySet set, String kid) {
        return set.findJsonWebKey(kid, null, null, null) == null;
    }

    /** The token and the key id its header names, read before verifying. */
    private record Parsed(String token, String kid) {
        static Parsed of(String token) {
            JsonObject header = AccessTokens.header(token);
            if (header == null) {
                return null;
            }
            return new Parsed(token, header.getValue("kid") instanceof String s ? s : null);
        }
    }
}
