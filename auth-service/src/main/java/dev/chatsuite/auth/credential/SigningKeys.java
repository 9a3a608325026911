package dev.chatsuite.auth.credential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.Use;

import dev.chatsuite.auth.AuthConfig;
import io.quarkus.runtime.Startup;

/**
 * The RS256 signing key and every public key still valid for verification. The private key
 * comes from a PEM file (a Kubernetes Secret); without one, a local key pair is generated once
 * under DATA_DIR/keys and reused. Retiring keys stay in the JWKS (extra public keys dir) so
 * tokens signed before a rotation keep verifying until they expire.
 * Loaded (or generated) at start-up ({@code @Startup}), not on an event loop.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final String currentKid;
    private final PrivateKey privateKey;
    private final Map<String, RSAPublicKey> publicKeys = new LinkedHashMap<>();
    private final String jwksJson;

    public SigningKeys(AuthConfig config) {
        try {
            if (config.keys().privateKeyFile().isPresent()) {
                privateKey = readPrivateKey(Path.of(config.keys().privateKeyFile().get()));
                currentKid = config.keys().keyId().orElse("key-1");
            } else {
                Path dir = Path.of(config.keys().localDir());
                Path keyFile = dir.resolve("signing-key.pem");
                Path kidFile = dir.resolve("signing-key.kid");
                if (!Files.exists(keyFile)) {
                    generateLocalKey(dir, keyFile, kidFile);
                }
                privateKey = readPrivateKey(keyFile);
                currentKid = Files.readString(kidFile, StandardCharsets.UTF_8).trim();
            }
            publicKeys.put(currentKid, publicKeyOf((RSAPrivateCrtKey) privateKey));
            if (config.keys().extraPublicKeysDir().isPresent()) {
                try (Stream<Path> files = Files.list(Path.of(config.keys().extraPublicKeysDir().get()))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".pem")).sorted().toList()) {
                        String kid = file.getFileName().toString().replaceFirst("\\.pem$", "");
                        publicKeys.putIfAbsent(kid, readPublicKey(file));
                    }
                }
            }
            jwksJson = toJwks();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing keys", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The signing keys are not valid RSA keys", e);
        }
    }

    public String currentKid() {
        return currentKid;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String jwksJson() {
        return jwksJson;
    }

    private String toJwks() {
        List<JsonWebKey> keys = new ArrayList<>();
        publicKeys.forEach((kid, key) -> {
            RsaJsonWebKey jwk = new RsaJsonWebKey(key);
            jwk.setKeyId(kid);
            jwk.setAlgorithm("RS256");
            jwk.setUse(Use.SIGNATURE);
            keys.add(jwk);
        });
        return new JsonWebKeySet(keys).toJson();
    }

    private static void generateLocalKey(Path dir, Path keyFile, Path kidFile) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(keyFile, pem, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // The folder's own permissions apply.
        }
        Files.writeString(kidFile, "local-" + LocalDate.now(), StandardCharsets.US_ASCII);
        LOG.infof("Generated a local signing key pair under %s (local runs only; configure JWT_PRIVATE_KEY_FILE in production)", dir);
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(file)));
    }

    private static RSAPublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBody(file)));
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) throws GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    private static byte[] pemBody(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
