package dev.chatsuite.auth.token;

/** The contract's {@code TokenResponse}; lifetimes in seconds. */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn) {
}
