package dev.chatsuite.auth.password;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ResetPasswordRequest(@NotBlank(message = "The reset token is required.") String token,
        @NotBlank(message = "New password is required.") @Size(min = 10, max = 128, message = "Password must be 10 to 128 characters.") String newPassword) {
}
