package dev.chatsuite.common.media;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring media URLs: messaging-service signs attachment URLs for participants,
 * media-service verifies them. {@code sig = base64url(HMAC-SHA256(secret, "<mediaId>:<exp>"))}
 * with {@code exp} in epoch seconds; one signature covers the file and its thumbnail.
 * The secret is shared by the two services (MEDIA_SIGNING_SECRET) and never leaves them.
 */
public final class MediaUrlSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public MediaUrlSigner(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("The media signing secret must be at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String signature(UUID mediaId, long expiresAtEpochSeconds) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((mediaId + ":" + expiresAtEpochSeconds).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The query string to append to {@code /api/media/{id}} or its {@code /thumbnail}. */
    public String query(UUID mediaId, Instant expiresAt) {
        long exp = expiresAt.getEpochSecond();
        return "exp=" + exp + "&sig=" + signature(mediaId, exp);
    }

    /** True when {@code sig} was made for this id and {@code exp}, and {@code exp} is still ahead of {@code now}. */
    public boolean verify(UUID mediaId, String exp, String sig, Instant now) {
        if (exp == null || sig == null) {
            return false;
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = signature(mediaId, expiresAt).getBytes(StandardCharsets.US_ASCII);
        boolean matches = MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
        return matches && now.getEpochSecond() < expiresAt;
    }
}
