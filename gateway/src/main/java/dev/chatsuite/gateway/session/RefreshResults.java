package dev.chatsuite.gateway.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.chatsuite.gateway.caller.Tokens;
import io.vertx.core.json.JsonObject;

/**
 * How a refresh outcome is kept in Redis for the other replicas: under a name derived from
 * the refresh token (a SHA-256 with its own label, never the token), encrypted with AES-GCM
 * under a key derived from the token with another label. Whoever reads Redis without the
 * old refresh cookie learns neither the cookie nor the rotated tokens.
 */
final class RefreshResults {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private RefreshResults() {
    }

    /** The Redis name for this refresh token's lock and result. */
    static String id(String refreshToken) {
        return HexFormat.of().formatHex(sha256("chat-suite gateway refresh id\n" + refreshToken));
    }

    static String seal(String refreshToken, Tokens tokens) {
        JsonObject plain = tokens == null ? new JsonObject().put("ended", true)
                : new JsonObject().put("accessToken", tokens.accessToken()).put("refreshToken", tokens.refreshToken())
                        .put("expiresIn", tokens.expiresIn()).put("refreshExpiresIn", tokens.refreshExpiresIn());
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(refreshToken), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.encode().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The stored outcome: tokens, or null when auth refused the refresh (the session is over). */
    static Outcome open(String refreshToken, String stored) {
        try {
            byte[] bytes = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(refreshToken), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            JsonObject plain = new JsonObject(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8));
            return new Outcome(plain.getBoolean("ended", false) ? null : Tokens.from(plain));
        } catch (GeneralSecurityException | RuntimeException unreadable) {
            return null;
        }
    }

    /** A refresh outcome read back: {@code tokens} null means auth refused it. */
    record Outcome(Tokens tokens) {
    }

    private static SecretKeySpec key(String refreshToken) {
        return new SecretKeySpec(sha256("chat-suite gateway refresh key\n" + refreshToken), "AES");
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
