package dev.chatsuite.auth.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** The test run's signing key (SigningKeyTestResource, target/test-keys), to forge validly signed tokens. */
final class LocalKey {

    private LocalKey() {
    }

    static PrivateKey privateKey() throws Exception {
        String pem = Files.readString(Path.of("target/test-keys/signing-key.pem"));
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
