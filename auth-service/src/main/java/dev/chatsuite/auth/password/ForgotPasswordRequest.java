package dev.chatsuite.auth.password;

public record ForgotPasswordRequest(String email) {
}
